-- purpose: record how far the undos and reviews go that stance_links has now seen (the change_marks macro; see derived/links_marks)
-- params: none
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value) VALUES ('stance_links_marks', change_marks());
