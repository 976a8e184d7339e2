Locales['de'] = {
  ['new_job'] = 'Neuer Job: ~b~%s~s~ !',
  ['access_job_center'] = 'Drücke ~b~[%s]~s~ um die Jobauswahl zu öffnen!',
  ['job_center'] = 'Wähle einen Job aus.',
  ["blip_text"] = "Arbeitsamt"
}
