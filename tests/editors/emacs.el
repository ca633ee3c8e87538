;;; emacs.el --- batch Emacs 28 drives aws-config-ls through eglot or lsp-mode  -*- lexical-binding: t -*-
;; Loaded after init.el.  Env: AWS_LS_EMACS_CLIENT ("eglot" or "lsp-mode"), AWS_LS_OUT (result
;; file), AWS_LS_PAIRS ("config|credentials;..."), AWS_LS_OTHERS ("path;..." non-AWS INI
;; files).  Exit 0 and "RESULT: PASS" when all is well.
(require 'cl-lib)
(require 'subr-x)
(require 'flymake)
(defvar aws-ls-client (intern (getenv "AWS_LS_EMACS_CLIENT")))
(defvar aws-ls-log nil)
(defun aws-ls-log (fmt &rest args)
  (push (apply #'format fmt args) aws-ls-log))
(aws-ls-log "emacs %s, %s loaded by init.el: %s" emacs-version aws-ls-client
            (featurep aws-ls-client))

;; What differs between the two clients; everything else is the same user-level path
;; (flymake, completion-at-point, xref).
(defun aws-ls-connected ()
  (if (eq aws-ls-client 'eglot)
      (and (eglot-current-server) eglot--managed-mode)
    (and (bound-and-true-p lsp-mode) (lsp-workspaces))))

(defun aws-ls-language ()
  (if (eq aws-ls-client 'eglot) (eglot--language-id (eglot-current-server)) (lsp-buffer-language)))

(defun aws-ls-diagnostics ()
  "The server's diagnostics in this buffer as (LINE CODE SEVERITY), LINE 1-based."
  (if (eq aws-ls-client 'eglot)
      (mapcar (lambda (d)
                (list (line-number-at-pos (flymake-diagnostic-beg d))
                      (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code)
                      (nth (cl-position (flymake-diagnostic-type d)
                                        '(eglot-error eglot-warning eglot-note))
                           '(error warning note))))
              (flymake-diagnostics))
    (mapcar (lambda (d)
              (list (1+ (gethash "line" (gethash "start" (gethash "range" d))))
                    (gethash "code" d)
                    (nth (1- (gethash "severity" d)) '(error warning note note))))
            (lsp--get-buffer-diagnostics))))

(defun aws-ls-hover-text ()
  (if (eq aws-ls-client 'eglot)
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info "<nil>"))))
        (aws-ls-wait 20 (lambda () hover) "hover")
        hover)
    (let ((hover (lsp-request "textDocument/hover" (lsp--text-document-position-params))))
      (if hover (gethash "value" (gethash "contents" hover)) "<nil>"))))

(defun aws-ls-finish (ok &optional why)
  (aws-ls-log (if ok "RESULT: PASS" (format "RESULT: FAIL: %s" why)))
  (with-temp-file (getenv "AWS_LS_OUT")
    (insert (mapconcat #'identity (reverse aws-ls-log) "\n") "\n"))
  (when (fboundp 'eglot-shutdown)
    (dolist (s (ignore-errors (hash-table-values eglot--servers-by-project)))
      (dolist (server s) (ignore-errors (eglot-shutdown server)))))
  (kill-emacs (if ok 0 1)))

(defun aws-ls-wait (timeout pred what)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall pred) (error "timeout waiting for %s" what))))

(defun aws-ls-command-loop ()
  "Batch Emacs runs no command loop: run what it would after a command (eglot-ensure's and
lsp-deferred's connection) and when idle (didChange, flymake)."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun aws-ls-codes ()
  (sort (mapcar (lambda (d) (format "%d:%s" (car d) (cadr d))) (aws-ls-diagnostics))
        #'string<))

(defun aws-ls-goto (prefix &optional column)
  (goto-char (point-min))
  (unless (re-search-forward (concat "^" (regexp-quote prefix)) nil t)
    (error "no line starting with %s" prefix))
  (beginning-of-line)
  (forward-char (or column 2)))

(defun aws-ls-open (path mode)
  "Visit PATH as a user does; its mode is MODE, the client manages it, diagnostics arrive."
  (when (eq aws-ls-client 'lsp-mode)  ; what a user answers when lsp-mode asks for the root
    (require 'lsp-mode)
    (lsp-workspace-folders-add (file-name-directory path)))
  (find-file path)
  (switch-to-buffer (current-buffer))  ; eglot's hover only answers in a shown buffer
  (unless (eq major-mode mode) (error "%s: %s, expected %s" path major-mode mode))
  (aws-ls-command-loop)
  (aws-ls-wait 30 #'aws-ls-connected (symbol-name aws-ls-client))
  (when flymake-mode (flymake-start))  ; batch: flymake never starts on its own
  (aws-ls-wait 30 #'aws-ls-diagnostics (format "diagnostics of %s" path))
  (aws-ls-log "%s: %s, language %s, diagnostics %s" path major-mode (aws-ls-language)
              (aws-ls-codes)))

(defun aws-ls-hover (prefix)
  (aws-ls-goto prefix)
  (let ((hover (aws-ls-hover-text)))
    (unless (string-match-p (regexp-quote prefix) hover) (error "hover on %s: %s" prefix hover))
    (aws-ls-log "%s hover: %s" prefix (truncate-string-to-width
                                       (replace-regexp-in-string "\n" " " hover) 50))))

(defun aws-ls-complete (after text wanted)
  (aws-ls-goto after 0)
  (end-of-line)
  (insert "\n" text)
  (aws-ls-command-loop)
  (let* ((capf (run-hook-wrapped 'completion-at-point-functions
                                 (lambda (f) (and (functionp f) (funcall f)))))
         (labels (and capf (all-completions "" (nth 2 capf)))))
    (delete-region (line-beginning-position 0) (line-end-position))
    (aws-ls-command-loop)
    (unless (member wanted labels) (error "%s not offered: %S" wanted labels))
    (aws-ls-log "completion offers %s" wanted)))

(defun aws-ls-check-pair (config credentials)
  (aws-ls-open config 'aws-config-mode)
  (let ((unknown (assoc 3 (aws-ls-diagnostics))))
    (unless (equal (cadr unknown) "unknown-key") (error "no unknown-key in %s" config))
    (aws-ls-log "unknown-key is %s" (nth 2 unknown)))
  (aws-ls-hover "region")
  (aws-ls-complete "role_arn" "reg" "region")
  (aws-ls-goto "source_profile = " (length "source_profile = "))
  (let* ((backend (xref-find-backend))
         (xrefs (xref-backend-definitions backend (xref-backend-identifier-at-point backend)))
         (loc (and xrefs (xref-item-location (car xrefs)))))
    (unless (and (= 1 (length xrefs)) (equal (xref-location-group loc) credentials)
                 (= 1 (xref-location-line loc)))
      (error "definition: %S" (mapcar (lambda (x) (xref-location-group (xref-item-location x)))
                                     xrefs)))
    (aws-ls-log "definition: %s:%d" (xref-location-group loc) (xref-location-line loc)))
  (aws-ls-open credentials 'aws-credentials-mode)
  (unless (member "5:profile-prefix-in-credentials" (aws-ls-codes))
    (error "%s not read as credentials" credentials))
  (when (cl-some (lambda (c) (string-match-p "not-a-profile" c)) (aws-ls-codes))
    (error "%s read as a config file" credentials))
  (aws-ls-hover "aws_access_key_id")
  (aws-ls-complete "aws_secret_access_key" "aws_se" "aws_session_token"))

(condition-case err
    (progn
      (when (featurep aws-ls-client) (error "%s was loaded before the first file" aws-ls-client))
      (dolist (pair (split-string (getenv "AWS_LS_PAIRS") ";" t))
        (let ((paths (split-string pair "|")))
          (aws-ls-check-pair (car paths) (cadr paths))))
      ;; INI files that are not AWS files: conf-unix-mode, no server, no diagnostics.
      (dolist (path (split-string (getenv "AWS_LS_OTHERS") ";" t))
        (find-file path)
        (aws-ls-command-loop)
        (accept-process-output nil 0.3)
        (unless (derived-mode-p 'conf-mode) (error "%s: %s" path major-mode))
        (when (or (derived-mode-p 'aws-config-ls-mode) (aws-ls-connected) (flymake-diagnostics))
          (error "%s: managed by %s or diagnosed" path aws-ls-client))
        (aws-ls-log "%s: %s, nothing" path major-mode))
      (aws-ls-finish t))
  (error (aws-ls-finish nil (error-message-string err))))
