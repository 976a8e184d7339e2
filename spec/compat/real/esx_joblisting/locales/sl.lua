Locales['sl'] = {
  ['new_job'] = 'imaš novo službo!',
  ['access_job_center'] = 'pritisnite ~INPUT_PICKUP~ za dostop do job center.',
  ['job_center'] = 'center za delovna mesta',
  ['new_job'] = 'Imate novo Službo!',
  ['access_job_center'] = 'Pritisni ~INPUT_PICKUP~ za dostop do Borze.',
  ['job_center'] = 'Center za Zaposlovanje',
}