-- Filetypes awsconfig / awscredentials / awsboto for the files boto3 reads (Neovim 0.9+).
-- Priority 10 beats Neovim's own rule, which makes .aws/config and .aws/credentials `confini`
-- at the default priority (with equal priorities the winner varies from run to run).
-- Neovim 0.7 and 0.8 detect them in require('aws_config_ls').setup() instead.
if vim.fn.has('nvim-0.9') == 0 then
  return
end
local detect = require('aws_config_ls').detect
vim.filetype.add({
  pattern = {
    ['.*/.*'] = { function(path) return detect(path) end, { priority = 10 } },
  },
})
