using CourseHub.Domain.LiveClasses;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CourseHub.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveCalendarGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Group sessions kept clear of one-to-one classes by triggers (a constraint cannot look across tables).
            migrationBuilder.Sql(LiveCalendarSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LiveCalendarSql.Down);
        }
    }
}
