using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CourseMediaAndTeachers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "download_content_type",
                table: "lessons",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "download_file_name",
                table: "lessons",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "download_size_bytes",
                table: "lessons",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "video_content_type",
                table: "lessons",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "video_file_name",
                table: "lessons",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "video_size_bytes",
                table: "lessons",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "file_name",
                table: "lesson_resources",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            // Courses written before teachers were accounts point at ids with no user: give each such
            // teacher a sign-in-less account (no email, no password) so the foreign key holds and
            // the course page can show the teacher's profile. The demo seed completes its own teachers.
            migrationBuilder.Sql("""
                INSERT INTO users (id, display_name, time_zone, created_at, security_stamp, concurrency_stamp,
                                   email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                SELECT DISTINCT ON (c.teacher_id) c.teacher_id, left(c.teacher_name, 100), 'UTC', now(),
                       replace(gen_random_uuid()::text, '-', ''), gen_random_uuid()::text, false, false, false, true, 0
                FROM courses c
                WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.teacher_id)
                ORDER BY c.teacher_id, c.created_at;
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_courses_users_teacher_id",
                table: "courses",
                column: "teacher_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_courses_users_teacher_id",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "download_content_type",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "download_file_name",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "download_size_bytes",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "video_content_type",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "video_file_name",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "video_size_bytes",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "file_name",
                table: "lesson_resources");
        }
    }
}
