Locales['es'] = {
  ['new_job'] = '¡Tienes un trabajo nuevo!',
  ['access_job_center'] = 'Pulsa ~INPUT_PICKUP~ para entrar a la Oficina de Empleo.',
  ['job_center'] = 'Oficina de Empleo',
  ["blip_text"] = "Oficina de Empleo"
}
