namespace CourseHub.Domain.Persistence;

/// <summary>
/// What the Api's in-process search index needs to stay exactly current: every insert or update of a course stamps the
/// row with its transaction id (<c>courses.index_xid</c>, <c>xid8</c>, indexed) and every delete leaves a row in
/// <c>catalog_removed_courses</c>. A replica that remembers the oldest transaction still running when it last read
/// (<c>pg_snapshot_xmin</c>) finds every change committed since with one index range scan — however the change was
/// written (EF Core, raw SQL, COPY), and with no window in which a slow transaction's commit could be missed.
/// </summary>
public static class CatalogIndexSql
{
    public const string Up = """
        ALTER TABLE courses ADD COLUMN index_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
        CREATE INDEX ix_courses_index_xid ON courses (index_xid);

        CREATE FUNCTION courses_index_xid_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.index_xid := pg_current_xact_id();
            RETURN NEW;
        END $$;
        CREATE TRIGGER courses_index_xid_trigger BEFORE INSERT OR UPDATE ON courses
            FOR EACH ROW EXECUTE FUNCTION courses_index_xid_stamp();

        CREATE TABLE catalog_removed_courses (
            course_id uuid NOT NULL,
            xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            removed_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ix_catalog_removed_courses_xid ON catalog_removed_courses (xid);
        CREATE FUNCTION courses_removed_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO catalog_removed_courses (course_id) VALUES (OLD.id);
            RETURN NULL;
        END $$;
        CREATE TRIGGER courses_removed_trigger AFTER DELETE ON courses
            FOR EACH ROW EXECUTE FUNCTION courses_removed_log();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS courses_removed_trigger ON courses;
        DROP FUNCTION IF EXISTS courses_removed_log();
        DROP TABLE IF EXISTS catalog_removed_courses;
        DROP TRIGGER IF EXISTS courses_index_xid_trigger ON courses;
        DROP FUNCTION IF EXISTS courses_index_xid_stamp();
        DROP INDEX IF EXISTS ix_courses_index_xid;
        ALTER TABLE courses DROP COLUMN IF EXISTS index_xid;
        """;
}
