-- Issue 19 item 11: an optional free-text comment on an F-03 response. It is moderated out of
-- public view: never shown on a public page or in a public export, read only by the unit's head
-- and the admin (policy survey.comments). The portal's role already has the table's rights.
ALTER TABLE "SurveyResponse" ADD COLUMN "comment" TEXT;
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_comment_length" CHECK (char_length("comment") BETWEEN 1 AND 1000);
