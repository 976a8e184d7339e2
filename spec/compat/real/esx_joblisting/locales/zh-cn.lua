Locales['zh-cn'] = {
  ['new_job'] = '新工作: ~b~%s~s~ !',
  ['access_job_center'] = '摁下 ~b~[%s]~s~ 打开就业中心.',
  ['job_center'] = '选择工作.',
  ["blip_text"] = "就业中心"
}
