-- purpose: how far the undos and reviews went when stance_links was last built or brought up to date ('archived_us|revision_id', the change_marks macro then; '' when never recorded): db._known_link_changes reads the changes after them
-- params: none
-- returns: marks VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'stance_links_marks'), '') AS marks;
