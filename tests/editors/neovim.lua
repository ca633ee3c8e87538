-- Headless Neovim 0.7 drives aws-config-ls: diagnostics (open and change), completion, hover.
-- Env: AWS_LS_PYTHON (interpreter), AWS_LS_OUT (result file). The file to edit is argv.
local out = assert(io.open(os.getenv('AWS_LS_OUT'), 'w'))
local function log(...) out:write(table.concat(vim.tbl_map(tostring, { ... }), ' '), '\n'); out:flush() end
local function finish(ok, msg)
  log(ok and 'RESULT: PASS' or ('RESULT: FAIL: ' .. tostring(msg)))
  out:close()
  pcall(vim.lsp.stop_client, vim.lsp.get_active_clients(), true)
  if ok then vim.cmd('qall!') else vim.cmd('cquit! 1') end
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(found, d.lnum .. ':' .. tostring(d.code)) end
  table.sort(found)
  return table.concat(found, ',')
end

local function request(bufnr, client_id, method, line, col)
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local res, e = vim.lsp.buf_request_sync(bufnr, method, vim.lsp.util.make_position_params(), 10000)
  assert(res, method .. ' failed: ' .. tostring(e))
  local r = res[client_id]
  assert(r and not r.err and r.result, method .. ' error: ' .. vim.inspect(r))
  return r.result
end

local exited = nil
local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'aws-config-ls',
    cmd = { os.getenv('AWS_LS_PYTHON'), '-m', 'aws_config_ls' },
    root_dir = vim.fn.getcwd(),
    get_language_id = function() return 'aws-config' end,
    flags = { debounce_text_changes = 0 },
    on_exit = function(code) exited = code end,
  })
  assert(client_id, 'start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  assert(vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (c ~= nil and c.initialized)
  end, 20), 'timeout waiting for initialize')
  assert(exited == nil, 'server exited early with code ' .. tostring(exited))

  assert(vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics after open')
  log('diagnostics(open):', codes(bufnr))

  -- append a duplicate [default] header: a new error appears on that line
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { '[default]' })
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  assert(vim.wait(10000, function() return codes(bufnr):find(last .. ':duplicate%-section') ~= nil end, 20),
    'no duplicate-section after change: ' .. codes(bufnr))
  log('diagnostics(change):', codes(bufnr))
  vim.api.nvim_buf_set_lines(bufnr, last, last + 1, false, {})

  -- completion on a fresh line in [profile dev]
  vim.api.nvim_buf_set_lines(bufnr, 5, 5, false, { 'reg' })
  local result = request(bufnr, client_id, 'textDocument/completion', 5, 3)
  local labels = vim.tbl_map(function(i) return i.label end, result.items or result)
  log('completion:', table.concat(labels, ','))
  assert(vim.tbl_contains(labels, 'region'), 'region not offered')
  vim.api.nvim_buf_set_lines(bufnr, 5, 6, false, {})

  -- hover on `region` in [default]
  local hover = request(bufnr, client_id, 'textDocument/hover', 1, 2)
  log('hover:', hover.contents.kind, (hover.contents.value:gsub('\n', ' ')))
  assert(hover.contents.kind == 'markdown', 'hover is not markdown')
  assert(hover.contents.value:find('region'), 'hover does not name the key')
end)
finish(ok, err)
