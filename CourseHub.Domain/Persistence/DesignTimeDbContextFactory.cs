using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CourseHub.Domain.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CourseHubDbContext>
{
    public CourseHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql("Host=localhost;Database=coursehub").Options);
}
