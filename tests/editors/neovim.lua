-- Headless Neovim (0.7 or current) with the user's init (init.lua) drives aws-config-ls in
-- the AWS files of a HOME and of a dotfiles copy, and in INI files that are not AWS files.
-- Env: AWS_LS_OUT (result file), AWS_LS_PAIRS ("config|credentials;config|credentials"),
-- AWS_LS_OTHERS ("path;path": non-AWS files). Exit 0 and "RESULT: PASS" when all is well.
local out = assert(io.open(os.getenv('AWS_LS_OUT'), 'w'))
local function log(...)
  out:write(table.concat(vim.tbl_map(tostring, { ... }), ' '), '\n')
  out:flush()
end

local function split(s, sep)
  local parts = {}
  for part in string.gmatch(s, '[^' .. sep .. ']+') do table.insert(parts, part) end
  return parts
end

local function clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = bufnr }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function all_clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients() end
  return vim.lsp.get_active_clients()
end

local function finish(ok, msg)
  log(ok and 'RESULT: PASS' or ('RESULT: FAIL: ' .. tostring(msg)))
  out:close()
  for _, c in ipairs(all_clients()) do pcall(function() c.stop(true) end) end
  if ok then vim.cmd('qall!') else vim.cmd('cquit! 1') end
end

local function wait(what, pred, ms)
  assert(vim.wait(ms or 20000, pred, 20), 'timeout waiting for ' .. what)
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(found, d.lnum .. ':' .. tostring(d.code)) end
  table.sort(found)
  return table.concat(found, ',')
end

local function request(bufnr, method, line, col)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = col },
  }
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
  assert(res, method .. ' failed: ' .. tostring(err))
  for _, r in pairs(res) do
    assert(not r.err, method .. ' error: ' .. vim.inspect(r.err))
    return r.result
  end
end

local function line_of(bufnr, prefix)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:sub(1, #prefix) == prefix then return i - 1 end
  end
  error('no line starting with ' .. prefix)
end

-- Open a file as a user does (:edit) and wait for the server's first diagnostics.
local function open(path, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == filetype,
    path .. ': filetype ' .. vim.bo[bufnr].filetype .. ', expected ' .. filetype)
  wait(path .. ': client', function() return #clients(bufnr) > 0 end)
  wait(path .. ': diagnostics', function() return #vim.diagnostic.get(bufnr) > 0 end)
  return bufnr
end

local function complete(bufnr, line, text)
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { text })
  local result = request(bufnr, 'textDocument/completion', line, #text)
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, {})
  return vim.tbl_map(function(i) return i.label end, result.items or result)
end

local function check_pair(config, credentials)
  local cfg = open(config, 'awsconfig')
  log(config, 'diagnostics:', codes(cfg))
  assert(codes(cfg):find(line_of(cfg, 'regoin') .. ':unknown%-key'), 'no unknown-key in config')
  for _, d in ipairs(vim.diagnostic.get(cfg)) do
    if d.code == 'unknown-key' then log('unknown-key is', vim.diagnostic.severity[d.severity]) end
  end

  local hover = request(cfg, 'textDocument/hover', line_of(cfg, 'region'), 2)
  assert(hover and hover.contents.value:find('region'), 'config hover: ' .. vim.inspect(hover))
  log(config, 'hover:', (hover.contents.value:sub(1, 60):gsub('\n', ' ')))

  local dev = line_of(cfg, 'role_arn')
  local labels = complete(cfg, dev, 'reg')
  assert(vim.tbl_contains(labels, 'region'), 'config completion: ' .. table.concat(labels, ','))
  log(config, 'completion has region')

  local src = line_of(cfg, 'source_profile')
  local found = request(cfg, 'textDocument/definition', src, #'source_profile = ')
  assert(found and #found == 1, 'definition: ' .. vim.inspect(found))
  local target = vim.uri_to_fname(found[1].uri or found[1].targetUri)
  assert(target == credentials and (found[1].range or found[1].targetRange).start.line == 0,
    'definition went to ' .. vim.inspect(found))
  log(config, 'definition:', target, 0)

  local creds = open(credentials, 'awscredentials')
  log(credentials, 'diagnostics:', codes(creds))
  assert(codes(creds):find(line_of(creds, '[profile extra]') .. ':profile%-prefix%-in%-credentials'),
    'credentials not read as credentials')
  assert(not codes(creds):find('not%-a%-profile'), 'credentials read as a config file')
  hover = request(creds, 'textDocument/hover', line_of(creds, 'aws_access_key_id'), 2)
  assert(hover and hover.contents.value:find('aws_access_key_id'), 'credentials hover')
  labels = complete(creds, 1, 'aws_se')
  assert(vim.tbl_contains(labels, 'aws_session_token'), 'credentials completion: ' .. table.concat(labels, ','))
  log(credentials, 'hover and completion')
  return cfg
end

local ok, err = pcall(function()
  local v = vim.version()
  log(string.format('nvim %d.%d.%d', v.major, v.minor, v.patch))
  local first
  for _, pair in ipairs(split(os.getenv('AWS_LS_PAIRS'), ';')) do
    local paths = split(pair, '|')
    local cfg = check_pair(paths[1], paths[2])
    first = first or cfg
  end
  -- INI files that are not AWS files: no client attaches; attached by force, the server
  -- still says nothing about them.
  local client = clients(first)[1]
  for _, path in ipairs(split(os.getenv('AWS_LS_OTHERS'), ';')) do
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.wait(300)
    assert(#clients(bufnr) == 0, path .. ': a client attached')
    assert(vim.lsp.buf_attach_client(bufnr, client.id), 'attach failed')
    assert(request(bufnr, 'textDocument/hover', 0, 1) == nil, path .. ': hover')
    assert(#vim.diagnostic.get(bufnr) == 0, path .. ': diagnostics ' .. codes(bufnr))
    log(path, 'filetype', vim.bo[bufnr].filetype, 'language', client.config.get_language_id(bufnr, vim.bo[bufnr].filetype), 'nothing')
  end
end)
finish(ok, err)
