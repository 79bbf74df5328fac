using CourseHub.Domain;
using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using CourseHub.Api.Infrastructure;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// The demo platform's people: the teachers behind the demo courses, a few students and a demo admin,
/// all at <c>@coursehub.test</c> (a reserved domain: no mail ever leaves). They can sign in only when
/// <c>Seed:DemoPassword</c> is configured (the AppHost generates one per data folder and prints it);
/// without it they exist as profiles only. Existing accounts are completed, not overwritten — except that
/// a demo account's password follows the configured demo password.
/// </summary>
public static class DemoAccounts
{
    public sealed record DemoPerson(Guid Id, string Name, string Email, string Role, string? Bio = null);

    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        .. DemoCatalog.Teachers.Select(t => new DemoPerson(t.Id, t.Name, EmailOf(t.Name), Roles.Teacher, t.Bio)),
        new(DemoCatalog.StableGuid("student:sam-carter"), "Sam Carter", "sam.carter@coursehub.test", Roles.Student),
        new(DemoCatalog.StableGuid("student:lea-muller"), "Lea Müller", "lea.muller@coursehub.test", Roles.Student),
        new(DemoCatalog.StableGuid("student:ravi-kumar"), "Ravi Kumar", "ravi.kumar@coursehub.test", Roles.Student),
        new(DemoCatalog.StableGuid("admin:demo"), "Demo Admin", "demo.admin@coursehub.test", Roles.Admin),
    ];

    public static async Task EnsureAsync(CourseHubDbContext db, string? password, CancellationToken cancellationToken)
    {
        var ids = People.Select(p => p.Id).ToList();
        var existing = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var memberships = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Select(ur => new { ur.UserId, ur.RoleId })
            .ToListAsync(cancellationToken)).Select(ur => (ur.UserId, ur.RoleId)).ToHashSet();
        // An email already in use (say, the configured Admin:Email) stays with its owner: that demo person stays profile-only.
        var emails = People.Select(p => p.Email.ToUpperInvariant()).ToList();
        var taken = (await db.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail) && !ids.Contains(u.Id))
            .Select(u => u.NormalizedEmail!).ToListAsync(cancellationToken)).ToHashSet();
        var hasher = new PasswordHasher<AppUser>();
        foreach (var person in People)
        {
            if (!existing.TryGetValue(person.Id, out var user))
            {
                user = new AppUser { Id = person.Id, DisplayName = person.Name, CreatedAt = TimeProvider.System.GetUtcNow(), SecurityStamp = Guid.NewGuid().ToString("N") };
                db.Users.Add(user);
            }
            // A profile-only account (created before teachers were accounts) gets its sign-in details now.
            if (user.Email is null && !taken.Contains(person.Email.ToUpperInvariant()))
            {
                user.UserName = user.Email = person.Email;
                user.NormalizedUserName = user.NormalizedEmail = person.Email.ToUpperInvariant();
                user.EmailConfirmed = true;
                user.LockoutEnabled = true;
                user.Bio ??= person.Bio;
            }
            // A bio the earlier generated seed wrote gives way to the one that fits the teacher's courses; an edited bio stays.
            if (person.Bio is not null && user.Bio is not null && DemoCatalog.PreviousBios.Contains(user.Bio))
            {
                user.Bio = person.Bio;
            }
            // Demo accounts always sign in with the current demo password (a new data folder may bring a new one).
            if (user.Email == person.Email && !string.IsNullOrEmpty(password)
                && (user.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed))
            {
                user.PasswordHash = hasher.HashPassword(user, password);
                user.SecurityStamp = Guid.NewGuid().ToString("N");
            }
            if (roleIds.TryGetValue(person.Role, out var roleId) && !memberships.Contains((person.Id, roleId)))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = person.Id, RoleId = roleId });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string EmailOf(string name) =>
        Slugs.FromTitle(name).Replace('-', '.') + "@coursehub.test";
}
