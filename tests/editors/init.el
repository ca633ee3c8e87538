;;; init.el --- a user's init file, as the README says: before eglot or lsp-mode is loaded  -*- lexical-binding: t -*-
(add-to-list 'load-path (expand-file-name "editors/emacs" (getenv "AWS_LS_REPO")))
(require 'aws-config-ls)
(if (equal (getenv "AWS_LS_EMACS_CLIENT") "lsp-mode")
    (add-hook 'aws-config-ls-mode-hook #'lsp-deferred)
  (add-hook 'aws-config-ls-mode-hook #'eglot-ensure))
(when (getenv "AWS_LS_UNKNOWN_KEY")
  (setq aws-config-ls-settings `(:severityOverrides (:unknown-key ,(getenv "AWS_LS_UNKNOWN_KEY")))))
