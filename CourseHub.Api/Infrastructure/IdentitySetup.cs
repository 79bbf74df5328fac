using System.Security.Cryptography;
using CourseHub.Authentication;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure;

public static class IdentitySetup
{
    public const string AdminPolicy = "Admin";
    /// <summary>Teachers and admins: the course studio.</summary>
    public const string TeacherPolicy = "Teacher";

    public static WebApplicationBuilder AddCourseHubIdentity(this WebApplicationBuilder builder)
    {
        // Email-confirmation and reset tokens are protected with these keys: shared by all Api replicas.
        builder.Services.AddDataProtection().SetApplicationName("CourseHub.Api");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "coursehub:api:data-protection-keys"));

        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<CourseHubDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(2));

        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddHostedService<SigningKeyLoader>();
        builder.Services.AddHostedService<IdentitySeeder>();
        builder.Services.AddHostedService<BannedUsersSync>();
        builder.Services.AddScoped<TokenService>();
        builder.Services.AddScoped<ISessionSource, RefreshTokenSessions>();
        builder.Services.AddSingleton<AccountEmails>();
        builder.Services.AddSingleton<ShutOutUsers>();
        builder.Services.Configure<AccountProtection.AccountProtectionOptions>(builder.Configuration.GetSection(AccountProtection.AccountProtectionOptions.Section));
        builder.Services.AddSingleton<AccountProtection.AccountGuard>();

        builder.AddCourseHubJwtValidation(keysFromApi: false);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys>((options, keys) =>
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.ValidationKeys);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(TeacherPolicy, policy => policy.RequireRole(Roles.Teacher, Roles.Admin));
        return builder;
    }
}

/// <summary>
/// Creates the three roles and, when <c>Admin:Email</c> and <c>Admin:Password</c> are configured,
/// the first admin account (never hard-coded). Safe with several replicas starting together.
/// </summary>
public sealed class IdentitySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<IdentitySeeder> logger) : IHostedService
{
    private const long IdentitySeedLockKey = 0x49_64_53_65_65_64; // "IdSeed"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Replicas starting together take turns: a lost race would still be harmless, but EF logs the losing INSERT as an error.
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({IdentitySeedLockKey})", cancellationToken);
            EnsureSharedDataProtectionKey(scope);
            await SeedAsync(scope);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({IdentitySeedLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Makes sure the data-protection key ring in Redis has its key before any replica serves a request. Replicas starting
    /// together would otherwise each create an immediately active key and keep using their own for a day, so a link one
    /// replica protected (a restore link, a reset token) would not open on another. Under the seed lock the first replica
    /// creates and stores the key, and the next one loads the ring after it and finds it.
    /// </summary>
    private void EnsureSharedDataProtectionKey(AsyncServiceScope scope)
    {
        try
        {
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("CourseHub.Api.KeyRing").Protect("ready");
        }
        catch (Exception ex) when (ex is RedisException or CryptographicException)
        {
            logger.LogWarning("The data-protection key ring could not be loaded yet: {Reason}", ex.Message);
        }
    }

    private async Task SeedAsync(AsyncServiceScope scope)
    {
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await IgnoreRace(() => roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }));
            }
        }

        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogInformation("No first admin from configuration (Admin:Email and Admin:Password are not set)");
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "Administrator",
                CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
            };
            var created = await IgnoreRace(() => users.CreateAsync(admin, password));
            // Another replica starting at the same moment may have created it first: that is fine.
            if (created is { Succeeded: false } && !created.Errors.Any(error => error.Code is "DuplicateUserName" or "DuplicateEmail"))
            {
                logger.LogError("The configured admin account could not be created: {Errors}",
                    string.Join(" ", created.Errors.Select(error => error.Description)));
                return;
            }
            admin = await users.FindByEmailAsync(email);
            if (admin is null)
            {
                return;
            }
            logger.LogInformation("Admin account {Email} created from configuration", email);
        }
        if (!await users.IsInRoleAsync(admin, Roles.Admin))
        {
            await IgnoreRace(() => users.AddToRoleAsync(admin, Roles.Admin));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<IdentityResult?> IgnoreRace(Func<Task<IdentityResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DbUpdateException)
        {
            // Another replica created it first.
            return null;
        }
    }
}

/// <summary>Re-writes the Redis set of shut-out users (banned, or deleted and not yet erased) from the database every 30 seconds.</summary>
public sealed class BannedUsersSync(IServiceScopeFactory scopes, IConnectionMultiplexer redis, ILogger<BannedUsersSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
                var banned = await db.Users.Where(ShutOutUsers.Rule).Select(user => user.Id).ToListAsync(stoppingToken);
                var transaction = redis.GetDatabase().CreateTransaction();
                _ = transaction.KeyDeleteAsync(BannedUsers.RedisKey);
                if (banned.Count > 0)
                {
                    _ = transaction.SetAddAsync(BannedUsers.RedisKey, banned.Select(id => (RedisValue)id.ToString()).ToArray());
                }
                await transaction.ExecuteAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or Npgsql.NpgsqlException or InvalidOperationException
                                       && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not refresh the banned-users set: {Reason}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
