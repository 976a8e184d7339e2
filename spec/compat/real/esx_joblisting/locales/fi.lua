Locales['fi'] = {
  ['new_job'] = 'Sinulla on nyt uusi työ!',
  ['access_job_center'] = 'Paina ~INPUT_PICKUP~ vaihtaaksesi työtä.',
  ['job_center'] = 'Työkeskus',
}
