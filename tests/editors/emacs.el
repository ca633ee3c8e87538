;;; emacs.el --- batch Emacs 28 + eglot 1.9 drives aws-config-ls  -*- lexical-binding: t -*-
;; Env: AWS_LS_PYTHON (interpreter), AWS_LS_OUT (result file), AWS_LS_FILE (the file to edit).
(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar aws-ls-log nil)
(defun aws-ls-log (fmt &rest args)
  (push (apply #'format fmt args) aws-ls-log))

(defun aws-ls-finish (ok &optional why)
  (aws-ls-log (if ok "RESULT: PASS" (format "RESULT: FAIL: %s" why)))
  (with-temp-file (getenv "AWS_LS_OUT")
    (insert (mapconcat #'identity (reverse aws-ls-log) "\n") "\n"))
  (ignore-errors (let ((s (eglot-current-server))) (when s (eglot-shutdown s))))
  (kill-emacs (if ok 0 1)))

(defun aws-ls-wait (timeout pred what)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall pred) (error "timeout waiting for %s" what))))

(defun aws-ls-idle-timers ()
  "Batch Emacs never goes idle: fire eglot's and flymake's idle timers by hand."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun aws-ls-codes ()
  (sort (mapcar (lambda (d) (format "%d:%s" (line-number-at-pos (flymake-diagnostic-beg d))
                                    (flymake-diagnostic-text d)))
                (flymake-diagnostics))
        #'string<))

(define-derived-mode aws-config-mode conf-unix-mode "AWS-Config")
(add-to-list 'auto-mode-alist '("/\\.aws/config\\'" . aws-config-mode))
(add-to-list 'eglot-server-programs
             `(aws-config-mode . (,(getenv "AWS_LS_PYTHON") "-m" "aws_config_ls")))
(setq eglot-send-changes-idle-time 0.1 eglot-sync-connect 20 eglot-connect-timeout 30)

(condition-case err
    (progn
      (find-file (getenv "AWS_LS_FILE"))
      (switch-to-buffer (current-buffer))
      (apply #'eglot (eglot--guess-contact))
      (aws-ls-wait 30 (lambda () (and (eglot-current-server) eglot--managed-mode)) "eglot")
      (flymake-start)
      (aws-ls-wait 20 (lambda () (flymake-diagnostics)) "diagnostics after open")
      (aws-ls-log "diagnostics(open): %s" (aws-ls-codes))
      ;; a duplicate header at the end: an error on that line
      (goto-char (point-max))
      (insert "[default]\n")
      (aws-ls-idle-timers)
      (aws-ls-wait 20 (lambda () (cl-some (lambda (c) (string-match-p "already defined" c))
                                          (aws-ls-codes)))
                   "diagnostics after change")
      (aws-ls-log "diagnostics(change): %s" (aws-ls-codes))
      ;; completion on a fresh line in [profile dev], through eglot's capf
      (goto-char (point-max))
      (insert "reg")
      (aws-ls-idle-timers)
      (let* ((capf (eglot-completion-at-point))
             (labels (all-completions "" (nth 2 capf))))
        (aws-ls-log "completion: %s" (mapconcat #'identity (sort labels #'string<) ","))
        (unless (member "region" labels) (error "region not offered")))
      ;; hover on `region` in [default], through eglot's eldoc function
      (goto-char (point-min)) (forward-line 1) (forward-char 2)
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info "<nil>"))))
        (aws-ls-wait 20 (lambda () hover) "hover")
        (aws-ls-log "hover: %s" (replace-regexp-in-string "\n" " " (substring-no-properties hover)))
        (unless (string-match-p "region" hover) (error "hover does not name the key")))
      (aws-ls-finish t))
  (error (aws-ls-finish nil (error-message-string err))))
