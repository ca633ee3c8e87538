;;; aws-config-ls.el --- AWS config and credentials files, checked by aws-config-ls  -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; URL: https://github.com/aws-config-ls/aws-config-ls

;;; Commentary:

;; Major modes for the files boto3 reads, and the aws-config-ls language server for them in
;; eglot (or lsp-mode).  In your init file (before or after eglot is loaded):
;;
;;   (add-to-list 'load-path "/path/to/aws-config-ls/editors/emacs")
;;   (require 'aws-config-ls)
;;   (add-hook 'aws-config-ls-mode-hook #'eglot-ensure)   ; or #'lsp-deferred
;;
;; `aws-config-mode' (~/.aws/config), `aws-credentials-mode' (~/.aws/credentials) and
;; `aws-boto-mode' (~/.boto, /etc/boto.cfg) derive from `conf-unix-mode' through
;; `aws-config-ls-mode', whose hook runs in all three.  Each mode has its own eglot entry and
;; language id: eglot 1.9 sends one language id per server, so a shared entry would send the
;; credentials file as a config file.

;;; Code:

(require 'conf-mode)

(defgroup aws-config-ls nil
  "AWS config, credentials and boto files with the aws-config-ls language server."
  :group 'conf)

(defcustom aws-config-ls-command '("aws-config-ls")
  "The language server's command line (stdio)."
  :type '(repeat string))

(defcustom aws-config-ls-settings nil
  "Server settings sent as initializationOptions, a plist such as
\(:explicitProfile \"dev\" :extraFiles [\"**/dotfiles/aws/config\"]).
See the \"Server settings\" table in aws-config-ls's README."
  :type 'sexp)

(define-derived-mode aws-config-ls-mode conf-unix-mode "AWS"
  "Parent of the AWS file modes: its hook runs in each of them."
  (setq-local comment-start "# "))

;;;###autoload
(define-derived-mode aws-config-mode aws-config-ls-mode "AWS-Config"
  "Major mode for the AWS config file (~/.aws/config, $AWS_CONFIG_FILE).")

;;;###autoload
(define-derived-mode aws-credentials-mode aws-config-ls-mode "AWS-Credentials"
  "Major mode for the AWS credentials file (~/.aws/credentials).")

;;;###autoload
(define-derived-mode aws-boto-mode aws-config-ls-mode "AWS-Boto"
  "Major mode for boto2 files (~/.boto, /etc/boto.cfg, $BOTO_CONFIG).")

(defconst aws-config-ls--folder "/\\(?:private_\\)?\\(?:\\.\\|dot_\\)?aws/\\(?:private_\\)?"
  "A folder named .aws or aws (chezmoi: dot_aws), then chezmoi's private_ prefix.")

(defun aws-config-ls--auto-modes ()
  "The `auto-mode-alist' entries: AWS names, then the files the variables name."
  (append
   `((,(concat aws-config-ls--folder "config\\'") . aws-config-mode)
     (,(concat aws-config-ls--folder "credentials\\'") . aws-credentials-mode)
     ("/\\(?:\\.\\|dot_\\)boto\\'" . aws-boto-mode)
     ("/boto\\.cfg\\'" . aws-boto-mode))
   (delq nil
         (mapcar (lambda (pair)
                   (let ((path (getenv (car pair))))
                     (when (and path (not (equal path "")))
                       (let ((file (expand-file-name (substitute-in-file-name path))))
                         (cons (concat "\\`" (regexp-quote file) "\\'") (cdr pair))))))
                 '(("AWS_CONFIG_FILE" . aws-config-mode)
                   ("AWS_SHARED_CREDENTIALS_FILE" . aws-credentials-mode)
                   ("BOTO_CONFIG" . aws-boto-mode))))))

(dolist (entry (aws-config-ls--auto-modes))
  (add-to-list 'auto-mode-alist entry))

(defun aws-config-ls--contact (&optional _interactive)
  "The eglot contact: the command, and the settings when there are some."
  (append aws-config-ls-command
          (and aws-config-ls-settings
               (list :initializationOptions aws-config-ls-settings))))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (dolist (mode '((aws-boto-mode . "aws-boto")
                  (aws-credentials-mode . "aws-credentials")
                  (aws-config-mode . "aws-config")))
    (add-to-list 'eglot-server-programs
                 `((,(car mode) :language-id ,(cdr mode)) . aws-config-ls--contact))))

(with-eval-after-load 'lsp-mode
  (defvar lsp-language-id-configuration)
  (declare-function lsp-register-client "lsp-mode")
  (declare-function make-lsp-client "lsp-mode")
  (declare-function lsp-stdio-connection "lsp-mode")
  (declare-function lsp-activate-on "lsp-mode")
  ;; lsp-mode sends each buffer's own language id, so one server serves the three modes.
  (dolist (mode '((aws-boto-mode . "aws-boto")
                  (aws-credentials-mode . "aws-credentials")
                  (aws-config-mode . "aws-config")))
    (add-to-list 'lsp-language-id-configuration mode))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () aws-config-ls-command))
    :activation-fn (lsp-activate-on "aws-config" "aws-credentials" "aws-boto")
    :initialization-options (lambda () aws-config-ls-settings)
    :server-id 'aws-config-ls)))

(provide 'aws-config-ls)
;;; aws-config-ls.el ends here
