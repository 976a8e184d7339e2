Locales['tr'] = {
  ['new_job'] = 'Yeni mesleğin: ~b~%s~s~!',
  ['access_job_center'] = 'Meslek seçmek için ~b~[%s]~s~ tuşuna bas.',
  ['job_center'] = 'Meslekler',
  ["blip_text"] = "İş Merkezi"
}
