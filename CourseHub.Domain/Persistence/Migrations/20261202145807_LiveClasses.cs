using System;
using System.Collections.Generic;
using CourseHub.Domain.LiveClasses;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveClasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_feed_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feed_tokens", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_calendar_feed_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "live_bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period = table.Column<NpgsqlRange<DateTime>>(type: "tstzrange", nullable: false, computedColumnSql: "tstzrange(starts_at, ends_at, '[)')", stored: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    hold_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    meeting_room = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ics_sequence = table.Column<int>(type: "integer", nullable: false),
                    uid = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_bookings", x => x.id);
                    table.CheckConstraint("ck_live_bookings_period", "starts_at < ends_at");
                    table.CheckConstraint("ck_live_bookings_status", "status IN ('pending', 'approved', 'rejected', 'cancelled', 'expired')");
                    table.ForeignKey(
                        name: "FK_live_bookings_users_student_id",
                        column: x => x.student_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_live_bookings_users_teacher_id",
                        column: x => x.teacher_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teacher_availabilities",
                columns: table => new
                {
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    session_minutes = table.Column<List<int>>(type: "integer[]", nullable: false),
                    buffer_minutes = table.Column<int>(type: "integer", nullable: false),
                    min_notice_hours = table.Column<int>(type: "integer", nullable: false),
                    max_days_ahead = table.Column<int>(type: "integer", nullable: false),
                    weekly = table.Column<string>(type: "jsonb", nullable: false),
                    exceptions = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teacher_availabilities", x => x.teacher_id);
                    table.ForeignKey(
                        name: "FK_teacher_availabilities_users_teacher_id",
                        column: x => x.teacher_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_tokens_token",
                table: "calendar_feed_tokens",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_live_bookings_status_starts_at",
                table: "live_bookings",
                columns: new[] { "status", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "IX_live_bookings_student_id_starts_at",
                table: "live_bookings",
                columns: new[] { "student_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "IX_live_bookings_teacher_id_starts_at",
                table: "live_bookings",
                columns: new[] { "teacher_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "IX_live_bookings_uid",
                table: "live_bookings",
                column: "uid",
                unique: true);

            // The exclusion constraints (and btree_gist) that keep bookings from overlapping; EF Core cannot express them.
            migrationBuilder.Sql(LiveBookingSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LiveBookingSql.Down);

            migrationBuilder.DropTable(
                name: "calendar_feed_tokens");

            migrationBuilder.DropTable(
                name: "live_bookings");

            migrationBuilder.DropTable(
                name: "teacher_availabilities");
        }
    }
}
