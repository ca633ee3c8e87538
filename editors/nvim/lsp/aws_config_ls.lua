-- aws-config-ls for Neovim 0.11+: put editors/nvim on 'runtimepath', then
--   vim.lsp.enable('aws_config_ls')
-- plugin/aws_config_ls.lua gives the files boto3 reads the filetypes below; each filetype goes
-- to the server as its own language, so the credentials file is read as a credentials file.
local languages = { awsconfig = 'aws-config', awscredentials = 'aws-credentials', awsboto = 'aws-boto' }

---@type vim.lsp.Config
return {
  cmd = { 'aws-config-ls' },
  filetypes = { 'awsconfig', 'awscredentials', 'awsboto' },
  -- One server for a folder of AWS files (~/.aws, or a dotfiles repo's aws/).
  root_markers = { 'config', 'credentials', '.boto' },
  get_language_id = function(_, filetype)
    return languages[filetype] or filetype
  end,
  -- The server's settings (README: "Server settings"), e.g.
  --   awsConfig = { explicitProfile = 'dev', disabledCodes = { 'unknown-region' } }
  settings = { awsConfig = vim.empty_dict() },
}
