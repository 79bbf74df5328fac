using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Learning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "pass_mark_percent",
                table: "lessons",
                type: "integer",
                nullable: false,
                defaultValue: 70);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_activity_at",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "last_lesson_id",
                table: "enrollments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lesson_progress",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lesson_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position_seconds = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_progress", x => new { x.user_id, x.lesson_id });
                    table.CheckConstraint("ck_lesson_progress_position", "position_seconds >= 0");
                    table.ForeignKey(
                        name: "FK_lesson_progress_lessons_lesson_id",
                        column: x => x.lesson_id,
                        principalTable: "lessons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_lesson_progress_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quiz_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lesson_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    max_score = table.Column<int>(type: "integer", nullable: false),
                    pass_mark_percent = table.Column<int>(type: "integer", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_attempts", x => x.id);
                    table.ForeignKey(
                        name: "FK_quiz_attempts_lessons_lesson_id",
                        column: x => x.lesson_id,
                        principalTable: "lessons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_quiz_attempts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_lessons_pass_mark",
                table: "lessons",
                sql: "pass_mark_percent BETWEEN 1 AND 100");

            migrationBuilder.CreateIndex(
                name: "IX_lesson_progress_lesson_id",
                table: "lesson_progress",
                column: "lesson_id");

            migrationBuilder.CreateIndex(
                name: "IX_lesson_progress_user_id_course_id_updated_at",
                table: "lesson_progress",
                columns: new[] { "user_id", "course_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_attempts_lesson_id",
                table: "quiz_attempts",
                column: "lesson_id");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_attempts_user_id_lesson_id_submitted_at",
                table: "quiz_attempts",
                columns: new[] { "user_id", "lesson_id", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lesson_progress");

            migrationBuilder.DropTable(
                name: "quiz_attempts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_lessons_pass_mark",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "pass_mark_percent",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "last_activity_at",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "last_lesson_id",
                table: "enrollments");
        }
    }
}
