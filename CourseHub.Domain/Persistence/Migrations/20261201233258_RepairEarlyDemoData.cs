using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <summary>
    /// Mends local databases seeded by the earliest demo seed, once, instead of at every Api start: it numbered
    /// curricula from 0 (positions are 1..n) and pointed lessons at media files under <c>demo/</c> that never existed.
    /// Every statement touches only rows in that old shape, so on any other database it changes nothing.
    /// </summary>
    public partial class RepairEarlyDemoData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE lessons SET position = position + 1 WHERE module_id IN (SELECT module_id FROM lessons WHERE position = 0);
                UPDATE course_modules SET position = position + 1 WHERE course_id IN (SELECT course_id FROM course_modules WHERE position = 0);
                UPDATE lessons SET video_blob_name = NULL WHERE video_blob_name LIKE 'demo/%';
                DELETE FROM lesson_resources WHERE blob_name LIKE 'demo/%';
                -- The demo seed uploads a real workbook PDF to where a lesson points while its size is still 0.
                UPDATE lessons SET download_blob_name = 'courses/' || (SELECT m.course_id FROM course_modules m WHERE m.id = module_id) || '/demo-workbook',
                                   download_file_name = 'workbook.pdf', download_content_type = 'application/pdf', download_size_bytes = 0
                WHERE download_blob_name LIKE 'demo/%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // A repair of data: there is nothing to undo.
        }
    }
}
