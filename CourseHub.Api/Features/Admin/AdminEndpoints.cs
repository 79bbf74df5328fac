using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Admin;
using CourseHub.Contracts;
using CourseHub.Domain.Identity;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Admin;

/// <summary>User management for admins. Every change is written to the audit log in the same transaction.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("/users", ListUsersAsync).WithSummary("List users").WithDescription("Users, searched by email or name, paged; `format=csv` streams every match as CSV.");
        admin.MapPut("/users/{id:guid}/role", ChangeRoleAsync).WithSummary("Change a user's role").WithDescription("Make a user a Student, Teacher or Admin.");
        admin.MapPost("/users/{id:guid}/ban", BanAsync).WithSummary("Ban a user").WithDescription("Ban a user: sessions end at once, access tokens within a minute.");
        admin.MapPost("/users/{id:guid}/unban", UnbanAsync).WithSummary("Unban a user");
        admin.MapGet("/audit", ListAuditAsync).WithSummary("Read the audit log").WithDescription("The admin audit log, newest first.");
        return endpoints;
    }

    private static NotFoundProblem UserNotFound() => Problems.NotFound("User not found", "There is no user with this id.");

    private static async Task<Results<Ok<PagedResult<AdminUser>>, CsvFile, ValidationProblem>> ListUsersAsync(string? search, int? page, int? pageSize, string? format,
        CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var errors = new Dictionary<string, List<string>>();
        var csv = CsvFile.Wants(format, errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePatterns.Contains(search);
            query = query.Where(user => EF.Functions.ILike(user.Email!, pattern) || EF.Functions.ILike(user.DisplayName, pattern));
        }
        if (csv)
        {
            var everyone = query.OrderBy(user => user.Email).Select(user => new
            {
                user.Id, user.Email, user.DisplayName, user.EmailConfirmed, user.BannedAt, user.TwoFactorEnabled, user.CreatedAt,
                Roles = db.UserRoles.Where(link => link.UserId == user.Id).Join(db.Roles, link => link.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
            }).AsAsyncEnumerable();
            return CsvFile.Of("users.csv", everyone, ("id", u => u.Id), ("email", u => u.Email), ("displayName", u => u.DisplayName), ("roles", u => u.Roles),
                ("emailConfirmed", u => u.EmailConfirmed), ("banned", u => u.BannedAt is not null), ("twoFactorEnabled", u => u.TwoFactorEnabled), ("createdAt", u => u.CreatedAt));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(user => user.Email).Skip((number - 1) * size).Take(size)
            .Select(user => new
            {
                user.Id, user.Email, user.DisplayName, user.EmailConfirmed, user.BannedAt, user.TwoFactorEnabled, user.CreatedAt,
                Roles = db.UserRoles.Where(link => link.UserId == user.Id)
                    .Join(db.Roles, link => link.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(row => new AdminUser(row.Id, row.Email ?? "", row.DisplayName, row.Roles, row.EmailConfirmed,
            row.BannedAt is not null, row.TwoFactorEnabled, row.CreatedAt)).ToList();
        return TypedResults.Ok(new PagedResult<AdminUser>(items, total, number, size));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFoundProblem, ConflictProblem>> ChangeRoleAsync(Guid id, ChangeRoleRequest request, HttpContext context, UserManager<AppUser> users,
        CourseHubDbContext db, TokenService tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var role = Roles.Parse(request.Role);
        if (role is null)
        {
            return Problems.Field("role", "Choose Student, Teacher or Admin.");
        }
        var target = await users.FindByIdAsync(id.ToString());
        if (target is null)
        {
            return UserNotFound();
        }
        if (target.Id == context.User.UserId())
        {
            return Problems.Conflict("Not on yourself", "Admins cannot change their own role.", "not-on-yourself");
        }
        var current = await users.GetRolesAsync(target);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemoveFromRolesAsync(target, current);
        await users.AddToRoleAsync(target, role);
        db.Record(clock, context.User, "user.role-changed", target: target, details: $"{string.Join(",", current)} -> {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Sessions carry the old role in their tokens: end them so the new role applies at next sign-in.
        await tokens.RevokeAllAsync(target.Id, "role-changed", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFoundProblem, ConflictProblem>> BanAsync(Guid id, BanRequest? request,
        HttpContext context, UserManager<AppUser> users, UserBans bans, CancellationToken cancellationToken)
    {
        var target = await users.FindByIdAsync(id.ToString());
        if (target is null)
        {
            return UserNotFound();
        }
        if (target.Id == context.User.UserId())
        {
            return Problems.Conflict("Not on yourself", "Admins cannot ban themselves.", "not-on-yourself");
        }
        if (request?.Reason is { Length: > 500 })
        {
            return Problems.Field("reason", "Keep the reason under 500 characters.");
        }
        await bans.BanAsync(target, context.User, request?.Reason, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFoundProblem>> UnbanAsync(Guid id, HttpContext context, UserManager<AppUser> users, CourseHubDbContext db,
        TimeProvider clock, ShutOutUsers shutOut, CancellationToken cancellationToken)
    {
        var target = await users.FindByIdAsync(id.ToString());
        if (target is null)
        {
            return UserNotFound();
        }
        if (target.BannedAt is not null)
        {
            target.BannedAt = null;
            db.Record(clock, context.User, "user.unbanned", target: target, details: null);
            await db.SaveChangesAsync(cancellationToken);
        }
        await shutOut.UpdateAsync(target); // stays shut out if the account's deletion is pending
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PagedResult<AuditEntryResponse>>> ListAuditAsync(int? page, int? pageSize, string? action, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(entry => entry.Action == action);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(entry => entry.Id).Skip((number - 1) * size).Take(size)
            .Select(entry => new AuditEntryResponse(entry.Id, entry.At, entry.ActorId, entry.ActorEmail, entry.Action,
                entry.TargetUserId, entry.TargetEmail, entry.Details))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<AuditEntryResponse>(items, total, number, size));
    }
}
