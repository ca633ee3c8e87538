-- A user's init.lua, as the README says: the repo's editors/nvim on the runtimepath, then
-- vim.lsp.enable (Neovim 0.11+) or require('aws_config_ls').setup() (0.7 to 0.10).
vim.opt.runtimepath:prepend(os.getenv('AWS_LS_REPO') .. '/editors/nvim')
if os.getenv('AWS_LS_NVIM_WAY') == 'enable' then
  vim.lsp.enable('aws_config_ls')
else
  require('aws_config_ls').setup()
end
