-- Measured: every insert paid for three secondary indexes that no query needs. History and
-- replay read by seq (the primary key) and filter visibility row by row; retention walks
-- from the oldest seq, since ts grows with seq. The single committer thread spent most of
-- its time keeping these B-trees.
DROP INDEX chat_event_to_key;
DROP INDEX chat_event_from_key;
DROP INDEX chat_event_ts;
