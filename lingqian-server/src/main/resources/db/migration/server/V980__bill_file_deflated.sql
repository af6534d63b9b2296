-- Owned by io.lingqian.bill.
-- A bill's chunks hold the file compressed as one raw DEFLATE stream (RFC 1951) cut into pieces:
-- a day of a million orders is some 220 MB of text but a few MB compressed, which the database
-- writes and reads back many times faster. crc32 is the CRC-32 of the uncompressed file, so that the
-- stored stream is served as gzip (tar_type=GZIP) by adding gzip's header and trailer around it.
-- Files made before keep deflated = FALSE: their chunks are the plain bytes, served as they are.
ALTER TABLE bill_file ADD COLUMN deflated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE bill_file ADD COLUMN crc32 BIGINT;
