namespace CourseHub.Domain.LiveClasses;

/// <summary>
/// Keeps group sessions from overlapping one-to-one classes, in the database as the exclusion constraints do for
/// bookings among themselves. A constraint cannot look across tables, so triggers do it: each takes a transaction-scoped
/// advisory lock on the teacher (and on the student) whose calendar it writes, then looks for an overlap in the other
/// tables. Two writers of one person's calendar queue on that lock, and the second sees the first's committed row (each
/// statement of a plpgsql function takes a fresh snapshot under READ COMMITTED), so a race ends with one of them. Locks
/// are always taken teacher first, then student, so two transactions never wait for each other in a circle. A violation
/// is raised as an exclusion violation naming <see cref="TeacherOverlap"/> or <see cref="StudentOverlap"/>, as the
/// constraints would, so callers handle both alike.
/// </summary>
public static class LiveCalendarSql
{
    /// <summary>The teacher has a group session (or, for a new group session, any live class) at an overlapping time.</summary>
    public const string TeacherOverlap = "ex_live_calendar_teacher_overlap";
    /// <summary>The student has a place in a group session (or a one-to-one class) at an overlapping time.</summary>
    public const string StudentOverlap = "ex_live_calendar_student_overlap";

    public const string Up = $"""
        CREATE FUNCTION live_calendar_lock(who text, id uuid) RETURNS void LANGUAGE sql AS
        $$ SELECT pg_advisory_xact_lock(hashtextextended('live-calendar:' || who || ':' || id::text, 0)) $$;

        -- A one-to-one class that holds or takes its time: clear of the teacher's group sessions and of the student's places.
        CREATE FUNCTION live_bookings_calendar_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.status NOT IN ('pending', 'approved') THEN
                RETURN NEW;
            END IF;
            PERFORM live_calendar_lock('teacher', NEW.teacher_id);
            PERFORM live_calendar_lock('student', NEW.student_id);
            IF EXISTS (SELECT 1 FROM group_sessions g
                       WHERE g.teacher_id = NEW.teacher_id AND g.starts_at < NEW.ends_at AND g.ends_at > NEW.starts_at) THEN
                RAISE EXCEPTION 'the teacher has a group session at an overlapping time'
                    USING ERRCODE = 'exclusion_violation', CONSTRAINT = '{TeacherOverlap}', TABLE = 'live_bookings';
            END IF;
            IF EXISTS (SELECT 1 FROM group_session_registrations r JOIN group_sessions g ON g.id = r.session_id
                       WHERE r.student_id = NEW.student_id AND g.starts_at < NEW.ends_at AND g.ends_at > NEW.starts_at) THEN
                RAISE EXCEPTION 'the student has a group session at an overlapping time'
                    USING ERRCODE = 'exclusion_violation', CONSTRAINT = '{StudentOverlap}', TABLE = 'live_bookings';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER live_bookings_calendar_guard BEFORE INSERT OR UPDATE OF starts_at, ends_at, status ON live_bookings
            FOR EACH ROW EXECUTE FUNCTION live_bookings_calendar_guard();

        -- A group session: clear of the teacher's live one-to-one classes and of their other group sessions.
        CREATE FUNCTION group_sessions_calendar_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM live_calendar_lock('teacher', NEW.teacher_id);
            IF EXISTS (SELECT 1 FROM live_bookings b
                       WHERE b.teacher_id = NEW.teacher_id
                         AND (b.status = 'approved' OR (b.status = 'pending' AND (b.hold_expires_at IS NULL OR b.hold_expires_at > now())))
                         AND b.starts_at < NEW.ends_at AND b.ends_at > NEW.starts_at)
               OR EXISTS (SELECT 1 FROM group_sessions g
                          WHERE g.teacher_id = NEW.teacher_id AND g.id <> NEW.id AND g.starts_at < NEW.ends_at AND g.ends_at > NEW.starts_at) THEN
                RAISE EXCEPTION 'the teacher has a live class at an overlapping time'
                    USING ERRCODE = 'exclusion_violation', CONSTRAINT = '{TeacherOverlap}', TABLE = 'group_sessions';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER group_sessions_calendar_guard BEFORE INSERT OR UPDATE OF starts_at, ends_at, teacher_id ON group_sessions
            FOR EACH ROW EXECUTE FUNCTION group_sessions_calendar_guard();

        -- A place in a group session: clear of the student's live one-to-one classes and of their other places.
        CREATE FUNCTION group_registrations_calendar_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            session_start timestamptz;
            session_end timestamptz;
        BEGIN
            PERFORM live_calendar_lock('student', NEW.student_id);
            SELECT starts_at, ends_at INTO session_start, session_end FROM group_sessions WHERE id = NEW.session_id;
            IF EXISTS (SELECT 1 FROM live_bookings b
                       WHERE b.student_id = NEW.student_id
                         AND (b.status = 'approved' OR (b.status = 'pending' AND (b.hold_expires_at IS NULL OR b.hold_expires_at > now())))
                         AND b.starts_at < session_end AND b.ends_at > session_start)
               OR EXISTS (SELECT 1 FROM group_session_registrations r JOIN group_sessions g ON g.id = r.session_id
                          WHERE r.student_id = NEW.student_id AND r.session_id <> NEW.session_id
                            AND g.starts_at < session_end AND g.ends_at > session_start) THEN
                RAISE EXCEPTION 'the student has a live class at an overlapping time'
                    USING ERRCODE = 'exclusion_violation', CONSTRAINT = '{StudentOverlap}', TABLE = 'group_session_registrations';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER group_registrations_calendar_guard BEFORE INSERT ON group_session_registrations
            FOR EACH ROW EXECUTE FUNCTION group_registrations_calendar_guard();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS group_registrations_calendar_guard ON group_session_registrations;
        DROP TRIGGER IF EXISTS group_sessions_calendar_guard ON group_sessions;
        DROP TRIGGER IF EXISTS live_bookings_calendar_guard ON live_bookings;
        DROP FUNCTION IF EXISTS group_registrations_calendar_guard();
        DROP FUNCTION IF EXISTS group_sessions_calendar_guard();
        DROP FUNCTION IF EXISTS live_bookings_calendar_guard();
        DROP FUNCTION IF EXISTS live_calendar_lock(text, uuid);
        """;
}
