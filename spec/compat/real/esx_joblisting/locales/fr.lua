Locales['fr'] = {
  ['new_job'] = 'Vous avez un nouveau métier: ~b~%s~s~ !',
  ['access_job_center'] = 'Appuyez sur ~b~[%s]~s~ pour ouvrir le sélécteur de métiers.',
  ['job_center'] = 'Séléctionnez un métier.',
  ["blip_text"] = "Pôle emploi"
}
