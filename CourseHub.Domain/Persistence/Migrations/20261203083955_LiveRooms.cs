using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "live_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "live_bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "group_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "group_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "live_attendances",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_attendances", x => new { x.session_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_live_attendances_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_live_attendances_user_id",
                table: "live_attendances",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "live_attendances");

            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "live_bookings");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "live_bookings");

            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "group_sessions");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "group_sessions");
        }
    }
}
