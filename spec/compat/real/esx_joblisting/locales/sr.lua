Locales['sr'] = {
  ['new_job'] = 'Novi Posao: ~b~%s~s~ !',
  ['access_job_center'] = 'Pritisnite ~b~[%s]~s~ da biste otvorili centar za zapošljavanje.',
  ['job_center'] = 'Izaberite posao.',
  ["blip_text"] = "Centar za Zapošljavanje"
}
