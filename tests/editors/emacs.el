;;; emacs.el --- batch Emacs 28 + eglot 1.9 drives aws-config-ls after init.el  -*- lexical-binding: t -*-
;; Env: AWS_LS_OUT (result file), AWS_LS_PAIRS ("config|credentials;..."), AWS_LS_OTHERS
;; ("path;..." non-AWS INI files).  Exit 0 and "RESULT: PASS" when all is well.
(require 'cl-lib)
(defvar aws-ls-log nil)
(defun aws-ls-log (fmt &rest args)
  (push (apply #'format fmt args) aws-ls-log))
(aws-ls-log "emacs %s, eglot loaded by init.el: %s" emacs-version (featurep 'eglot))

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
  "Batch Emacs runs no command loop: run what it would after a command (eglot-ensure's
connection) and when idle (eglot's didChange, flymake)."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun aws-ls-codes ()
  (sort (mapcar (lambda (d)
                  (format "%d:%s" (line-number-at-pos (flymake-diagnostic-beg d))
                          (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))
                                     :code)))
                (flymake-diagnostics))
        #'string<))

(defun aws-ls-goto (prefix &optional column)
  (goto-char (point-min))
  (unless (re-search-forward (concat "^" (regexp-quote prefix)) nil t)
    (error "no line starting with %s" prefix))
  (beginning-of-line)
  (forward-char (or column 2)))

(defun aws-ls-open (path mode)
  "Visit PATH as a user does; its mode is MODE, eglot manages it, diagnostics arrive."
  (find-file path)
  (switch-to-buffer (current-buffer))  ; eglot's hover only answers in a shown buffer
  (unless (eq major-mode mode) (error "%s: %s, expected %s" path major-mode mode))
  (aws-ls-command-loop)
  (aws-ls-wait 30 (lambda () (and (eglot-current-server) eglot--managed-mode)) "eglot")
  (flymake-start)
  (aws-ls-wait 30 (lambda () (flymake-diagnostics)) (format "diagnostics of %s" path))
  (aws-ls-log "%s: %s, language %s, diagnostics %s" path major-mode
              (eglot--language-id (eglot-current-server)) (aws-ls-codes)))

(defun aws-ls-hover (prefix)
  (aws-ls-goto prefix)
  (let (hover)
    (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info "<nil>"))))
    (aws-ls-wait 20 (lambda () hover) "hover")
    (unless (string-match-p (regexp-quote prefix) hover) (error "hover on %s: %s" prefix hover))
    (aws-ls-log "%s hover: %s" prefix (truncate-string-to-width
                                       (replace-regexp-in-string "\n" " " hover) 50))))

(defun aws-ls-complete (after text wanted)
  (aws-ls-goto after 0)
  (end-of-line)
  (insert "\n" text)
  (aws-ls-command-loop)
  (let ((labels (all-completions "" (nth 2 (eglot-completion-at-point)))))
    (delete-region (line-beginning-position 0) (line-end-position))
    (aws-ls-command-loop)
    (unless (member wanted labels) (error "%s not offered: %S" wanted labels))
    (aws-ls-log "completion offers %s" wanted)))

(defun aws-ls-check-pair (config credentials)
  (aws-ls-open config 'aws-config-mode)
  (unless (member "3:unknown-key" (aws-ls-codes)) (error "no unknown-key in %s" config))
  (aws-ls-log "unknown-key is %s" (flymake-diagnostic-type
                                  (cl-find-if (lambda (d) (= 3 (line-number-at-pos
                                                                (flymake-diagnostic-beg d))))
                                              (flymake-diagnostics))))
  (aws-ls-hover "region")
  (aws-ls-complete "role_arn" "reg" "region")
  (aws-ls-goto "source_profile = " (length "source_profile = "))
  (let* ((xrefs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
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
      (when (featurep 'eglot) (error "eglot was loaded before the test's first file"))
      (dolist (pair (split-string (getenv "AWS_LS_PAIRS") ";" t))
        (let ((paths (split-string pair "|")))
          (aws-ls-check-pair (car paths) (cadr paths))))
      ;; INI files that are not AWS files: conf-unix-mode, no server, no diagnostics.
      (dolist (path (split-string (getenv "AWS_LS_OTHERS") ";" t))
        (find-file path)
        (aws-ls-command-loop)
        (accept-process-output nil 0.3)
        (unless (derived-mode-p 'conf-mode) (error "%s: %s" path major-mode))
        (when (or (derived-mode-p 'aws-config-ls-mode) (eglot-current-server)
                  (flymake-diagnostics))
          (error "%s: managed by eglot or diagnosed" path))
        (aws-ls-log "%s: %s, nothing" path major-mode))
      (aws-ls-finish t))
  (error (aws-ls-finish nil (error-message-string err))))
