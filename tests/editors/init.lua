-- A user's init.lua, as the README says: the repo's editors/nvim on the runtimepath, then
-- vim.lsp.enable (Neovim 0.11+) or require('aws_config_ls').setup() (0.7 to 0.10); with
-- AWS_LS_UNKNOWN_KEY, the settings line too.
vim.opt.runtimepath:prepend(os.getenv('AWS_LS_REPO') .. '/editors/nvim')
local severity = os.getenv('AWS_LS_UNKNOWN_KEY')
local settings = severity and { awsConfig = { severityOverrides = { ['unknown-key'] = severity } } }
if os.getenv('AWS_LS_NVIM_WAY') == 'enable' then
  if settings then
    vim.lsp.config('aws_config_ls', { settings = settings })
  end
  vim.lsp.enable('aws_config_ls')
else
  require('aws_config_ls').setup({ settings = settings })
end
