using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_daily_activity",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    new_users = table.Column<int>(type: "integer", nullable: false),
                    enrollments = table.Column<int>(type: "integer", nullable: false),
                    completions = table.Column<int>(type: "integer", nullable: false),
                    live_sessions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_daily_activity", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "analytics_daily_course_activity",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enrollments = table.Column<int>(type: "integer", nullable: false),
                    completions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_daily_course_activity", x => new { x.day, x.course_id });
                });

            migrationBuilder.CreateTable(
                name: "analytics_daily_course_revenue",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    gross = table.Column<long>(type: "bigint", nullable: false),
                    fee = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_daily_course_revenue", x => new { x.day, x.course_id, x.currency });
                });

            migrationBuilder.CreateTable(
                name: "analytics_daily_revenue",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    gross = table.Column<long>(type: "bigint", nullable: false),
                    fee = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<long>(type: "bigint", nullable: false),
                    paid_orders = table.Column<int>(type: "integer", nullable: false),
                    refunded_orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_daily_revenue", x => new { x.day, x.currency });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_daily_activity");

            migrationBuilder.DropTable(
                name: "analytics_daily_course_activity");

            migrationBuilder.DropTable(
                name: "analytics_daily_course_revenue");

            migrationBuilder.DropTable(
                name: "analytics_daily_revenue");
        }
    }
}
