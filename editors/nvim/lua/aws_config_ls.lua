-- aws-config-ls for Neovim: which files are AWS files, and setup() for Neovim 0.7 to 0.10.
--
-- Neovim 0.11+: put editors/nvim on 'runtimepath' and call vim.lsp.enable('aws_config_ls')
-- (lsp/aws_config_ls.lua is the config, plugin/aws_config_ls.lua the filetype detection).
-- Neovim 0.7 to 0.10: put editors/nvim on 'runtimepath' and call
--   require('aws_config_ls').setup()          -- or setup({ cmd = {...}, settings = {...} })
local M = {}

-- Filetype -> the language id the server reads the file as.
M.languages = { awsconfig = 'aws-config', awscredentials = 'aws-credentials', awsboto = 'aws-boto' }

-- The variables that name the files boto3 reads, and the filetype of each.
local variables = {
  { 'AWS_CONFIG_FILE', 'awsconfig' },
  { 'AWS_SHARED_CREDENTIALS_FILE', 'awscredentials' },
  { 'BOTO_CONFIG', 'awsboto' },
}

local function full(path)
  return (vim.fn.fnamemodify(path, ':p'):gsub('\\', '/'))
end

--- The filetype of an AWS file, or nil: the files the AWS_* variables name, `config` and
--- `credentials` in a folder named `.aws` or `aws` (also chezmoi's `dot_aws`, `private_*`),
--- `~/.boto` and `boto.cfg`.
function M.detect(path)
  if not path or path == '' then
    return nil
  end
  path = full(path)
  for _, v in ipairs(variables) do
    local named = os.getenv(v[1])
    if named and named ~= '' and full(vim.fn.expand(named)) == path then -- `~`, `$HOME`
      return v[2]
    end
  end
  local folder, name = path:match('([^/]*)/([^/]+)$')
  name = (name or path):gsub('^private_', '')
  folder = (folder or ''):gsub('^private_', ''):gsub('^dot_', '.')
  if folder == '.aws' or folder == 'aws' then
    if name == 'config' then
      return 'awsconfig'
    elseif name == 'credentials' then
      return 'awscredentials'
    end
  end
  if name == '.boto' or name == 'dot_boto' or name == 'boto.cfg' then
    return 'awsboto'
  end
  return nil
end

--- The language id for a buffer's filetype (what `get_language_id` returns).
function M.language_id(_, filetype)
  return M.languages[filetype] or filetype
end

local client_id -- Neovim 0.7: one client for every AWS buffer

--- Start (or reuse) the server for one buffer.
function M.attach(bufnr, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local config = {
    name = 'aws_config_ls',
    cmd = opts.cmd,
    root_dir = vim.fn.fnamemodify(name, ':p:h'),
    settings = opts.settings,
    init_options = opts.settings.awsConfig,
    get_language_id = M.language_id,
  }
  if vim.lsp.start then -- 0.8+: reuses the client of the same folder
    vim.api.nvim_buf_call(bufnr, function() -- 0.8 attaches the current buffer
      vim.lsp.start(config, { bufnr = bufnr })
    end)
    return
  end
  if not (client_id and vim.lsp.get_client_by_id(client_id)) then
    client_id = vim.lsp.start_client(config)
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

--- Detect AWS files (overriding any other filetype) and run the server in them.
--- opts.cmd: the server command (default { 'aws-config-ls' });
--- opts.settings: { awsConfig = { ... } }, the server settings (see the README).
function M.setup(opts)
  opts = opts or {}
  opts.cmd = opts.cmd or { 'aws-config-ls' }
  opts.settings = opts.settings or { awsConfig = vim.empty_dict() }
  local group = vim.api.nvim_create_augroup('aws_config_ls', { clear = true })
  local function detect(bufnr)
    local ft = M.detect(vim.api.nvim_buf_get_name(bufnr))
    if ft and vim.bo[bufnr].filetype ~= ft then
      vim.bo[bufnr].filetype = ft
    end
  end
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    callback = function(ev)
      detect(ev.buf)
    end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = { 'awsconfig', 'awscredentials', 'awsboto' },
    callback = function(ev)
      M.attach(ev.buf, opts)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do -- buffers opened before setup()
    if vim.api.nvim_buf_is_loaded(bufnr) then
      detect(bufnr)
    end
  end
end

return M
