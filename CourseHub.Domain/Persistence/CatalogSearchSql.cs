namespace CourseHub.Domain.Persistence;

/// <summary>
/// The catalog's search plumbing that EF Core does not model: the extensions, an accent-insensitive
/// English text-search configuration, the weighted <c>courses.search_vector</c> kept current by a
/// trigger (title A; subtitle and teacher name B; description and learning outcomes C), its GIN
/// index, a trigram index on the title, and <c>catalog_words</c> — every title word, trigger-collected —
/// against which misspelt query words are corrected.
/// </summary>
public static class CatalogSearchSql
{
    /// <summary>The text-search configuration every catalog query must use (<c>websearch_to_tsquery(config, q)</c>).</summary>
    public const string Configuration = "coursehub_search";

    public const string Extensions = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'coursehub_search') THEN
                CREATE TEXT SEARCH CONFIGURATION coursehub_search (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION coursehub_search
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            END IF;
        END $$;
        """;

    public const string Up = """
        ALTER TABLE courses ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;

        CREATE FUNCTION courses_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('coursehub_search', coalesce(NEW.title, '')), 'A') ||
                setweight(to_tsvector('coursehub_search', coalesce(NEW.subtitle, '') || ' ' || coalesce(NEW.teacher_name, '')), 'B') ||
                setweight(to_tsvector('coursehub_search', coalesce(NEW.description, '') || ' ' || coalesce(array_to_string(NEW.learning_outcomes, ' '), '')), 'C');
            RETURN NEW;
        END $$;

        CREATE TRIGGER courses_search_vector_trigger
            BEFORE INSERT OR UPDATE OF title, subtitle, teacher_name, description, learning_outcomes ON courses
            FOR EACH ROW EXECUTE FUNCTION courses_search_vector_update();

        CREATE INDEX ix_courses_search_vector ON courses USING GIN (search_vector);
        CREATE INDEX ix_courses_title_trgm ON courses USING GIN (title gin_trgm_ops);

        -- Every word of every title (lower case, unaccented): the dictionary typo correction searches.
        CREATE TABLE catalog_words (word text PRIMARY KEY);
        CREATE INDEX ix_catalog_words_trgm ON catalog_words USING GIN (word gin_trgm_ops);
        CREATE FUNCTION catalog_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO catalog_words (word)
            SELECT DISTINCT w
            FROM new_rows, regexp_split_to_table(lower(unaccent(new_rows.title)), '[^[:alnum:]]+') AS w
            WHERE length(w) BETWEEN 3 AND 60
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;
        CREATE TRIGGER courses_words_insert AFTER INSERT ON courses
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_words_collect();
        CREATE TRIGGER courses_words_update AFTER UPDATE ON courses
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_words_collect();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS courses_words_insert ON courses;
        DROP TRIGGER IF EXISTS courses_words_update ON courses;
        DROP FUNCTION IF EXISTS catalog_words_collect();
        DROP TABLE IF EXISTS catalog_words;
        DROP TRIGGER IF EXISTS courses_search_vector_trigger ON courses;
        DROP FUNCTION IF EXISTS courses_search_vector_update();
        DROP TEXT SEARCH CONFIGURATION IF EXISTS coursehub_search;
        """;
}
