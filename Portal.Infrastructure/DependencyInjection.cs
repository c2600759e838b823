using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Configuration;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The database (through a factory: one short-lived context per operation), data-protection keys,
    /// Identity's stores and password rules, e-mail through the outbox, the seeder, the work calendar and the job storage.
    /// </summary>
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseSettings.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(database);
        // First hosted service: the database is migrated and seeded before the job server starts.
        services.AddHostedService<PortalStartupService>();
        services.AddSingleton(TimeProvider.System);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                AddContext<SqlitePortalDbContext>(services, o => o.UseSqlite(database.ConnectionString));
                break;
            case DatabaseProvider.Postgres:
                AddContext<PostgresPortalDbContext>(services, o => o.UseNpgsql(database.ConnectionString));
                break;
        }

        services.AddDataProtection()
            .SetApplicationName("Portal")
            .PersistKeysToDbContext<PortalDbContext>();

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);

        services.AddPortalEmail(configuration, contentRoot);
        services.AddScoped<PortalSeeder>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CommissionerHandover>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<SettingsAdministration>();
        services.AddSingleton<OrganisationAdministration>();
        services.AddSingleton<EnterpriseAdministration>();
        services.AddSingleton<CategoryAdministration>();
        services.AddSingleton<RequestTargetsSource>();
        services.AddScoped<RequestService>();
        services.AddSingleton<RoutingProblems>();
        services.AddScoped<WorkQueue>();
        services.AddScoped<ActionChoices>();
        services.AddScoped<CadreOverview>();
        services.AddScoped<DistrictFigures>();
        services.AddScoped<BattleMap>();
        services.AddOptions<RankingWeights>()
            .Bind(configuration.GetSection(RankingWeights.Section))
            .Validate(o => o.AreValid, RankingWeights.Section + " (Sign, Resolve, Satisfaction) must each be from 0 to 1 and together make 1.")
            .ValidateOnStart();
        services.AddScoped<DepartmentRanking>();
        services.AddScoped<DashboardBoards>();
        services.AddScoped<DashboardSeries>();
        services.AddScoped<EnterpriseCards>();
        services.AddScoped<SupervisorDesk>();
        services.AddPortalAttachments(configuration, contentRoot);
        services.AddScoped<ProjectService>();
        services.AddScoped<ICalendarChangeListener, DeadlinesFollowTheCalendar>();
        services.AddSingleton<WorkCalendarCache>();
        services.AddScoped<WorkCalendarService>();
        services.AddPortalJobs(configuration, database);
        return services;
    }

    /// <summary>Files of requests and drafts, in <c>Attachments:Directory</c> (relative to the content root), and the filing form's services.</summary>
    private static void AddPortalAttachments(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<AttachmentOptions>()
            .Bind(configuration.GetSection(AttachmentOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Attachments:Directory must name a folder.")
            .PostConfigure(o => o.Directory = string.IsNullOrWhiteSpace(o.Directory) ? "" : Path.GetFullPath(Path.Combine(contentRoot, o.Directory)))
            .ValidateOnStart();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<RequestFiling>();
    }

    /// <summary>Identity's rules: lockout after 5 failures, passwords of 8+ characters, mixed, not common.</summary>
    public static IdentityBuilder AddPortalIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                IdentitySchema.Configure(options.Stores);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddPasswordValidator<CharacterMixPasswordValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders();

    /// <summary>The outbox, its delivery (SMTP or the pickup folder) and account e-mail through it; every setting checked at start.</summary>
    private static void AddPortalEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        const string smtp = EmailOptions.Section + ":" + nameof(EmailOptions.Smtp) + ":";
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure(o => o.PickupDirectory = Path.GetFullPath(Path.Combine(contentRoot, o.PickupDirectory)))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory), "Email:PickupDirectory must name a folder.")
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.FromAddress, out _), "Email:FromAddress must be an e-mail address.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Email:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryBaseDelay <= TimeSpan.FromDays(1),
                "Email:RetryBaseDelay must be more than 0 and at most 1.00:00:00.")
            .Validate(o => o.RetryMaxDelay >= o.RetryBaseDelay && o.RetryMaxDelay <= TimeSpan.FromDays(7),
                "Email:RetryMaxDelay must be at least Email:RetryBaseDelay and at most 7.00:00:00.")
            .Validate(o => o.ClaimTimeout >= TimeSpan.FromSeconds(30) && o.ClaimTimeout <= TimeSpan.FromHours(1),
                "Email:ClaimTimeout must be between 00:00:30 and 01:00:00.")
            .Validate(o => o.BatchSize is >= 1 and <= 500, "Email:BatchSize must be between 1 and 500.")
            .Validate(o => !o.UsesSmtp || o.Smtp.Port is >= 1 and <= 65535, smtp + "Port must be between 1 and 65535.")
            .Validate(o => !o.UsesSmtp || o.Smtp.HasKnownSecurity,
                smtp + "Security is unknown: use " + string.Join(", ", SmtpOptions.SecurityModes) + ".")
            .Validate(o => !o.UsesSmtp || string.IsNullOrEmpty(o.Smtp.UserName) || !string.IsNullOrEmpty(o.Smtp.Password),
                smtp + "Password must be set when " + smtp + "UserName is.")
            .Validate(o => !o.UsesSmtp || (o.Smtp.Timeout > TimeSpan.Zero && o.Smtp.Timeout <= TimeSpan.FromMinutes(5)),
                smtp + "Timeout must be more than 0 and at most 00:05:00.")
            .Validate(o => !o.UsesSmtp || o.ClaimTimeout > o.Smtp.Timeout * 4,
                "Email:ClaimTimeout must be more than four times " + smtp + "Timeout, so that a slow server does not outlast a claim.")
            .ValidateOnStart();
        services.AddSingleton<MailTransport>();
        services.AddSingleton<Outbox>();
        services.AddTransient<OutboxDeliveryJob>();
        services.AddScoped<OutboxAdministration>();
        services.AddSingleton<IEmailSender<ApplicationUser>, AccountEmailSender>();

        services.AddOptions<PortalOptions>()
            .Bind(configuration.GetSection(PortalOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Portal:PublicUrl must be the portal's absolute http(s) address, e.g. https://yqby.example.gov.cn/.")
            .ValidateOnStart();
        services.AddSingleton(sp => new RequestEmailComposer(sp.GetRequiredService<IOptions<PortalOptions>>().Value.BaseUri));
        services.AddSingleton<ILiveNotifier, InProcessLiveNotifier>();
        services.AddSingleton<IRequestChanges, InProcessRequestChanges>();
        services.AddSingleton<RequestEventNotifier>();
        services.AddSingleton(sp => new RegistrationNotifier(sp.GetRequiredService<Outbox>(), sp.GetRequiredService<IOptions<PortalOptions>>().Value.BaseUri));
        services.AddSingleton<RegistrationApprovals>();
        services.AddScoped<Registrar>();
        services.AddSingleton<NotificationInbox>();
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        // Pooled: a page opens several short-lived contexts, and a new one builds its services each time (bench/README.md, B1).
        services.AddPooledDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp =>
            new PortalDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        // Identity's stores and the data-protection key ring want a context from the container:
        // they get one per HTTP request, which is short-lived. Components never ask for it.
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
    }

    private static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is >= 1 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .Validate(o => o.SchedulePollingInterval > TimeSpan.Zero && o.SchedulePollingInterval <= TimeSpan.FromSeconds(5),
                "Jobs:SchedulePollingInterval must be more than 0 and at most 00:00:05.")
            .ValidateOnStart();
        services.AddTransient<HeartbeatJob>();
        services.AddOptions<EscalationOptions>()
            .Bind(configuration.GetSection(EscalationOptions.Section))
            .Validate(o => EscalationSettings.IsValidWarningPercent(o.WarningPercent),
                $"Escalation:WarningPercent must be between {EscalationSettings.WarningPercentMin} and {EscalationSettings.WarningPercentMax}.")
            .Validate(o => EscalationSettings.IsValidSevereAfterWorkingDays(o.SevereAfterWorkingDays),
                $"Escalation:SevereAfterWorkingDays must be between {EscalationSettings.SevereAfterWorkingDaysMin} and {EscalationSettings.SevereAfterWorkingDaysMax}.")
            .Validate(o => o.BatchSize is >= 1 and <= 100000, "Escalation:BatchSize must be between 1 and 100000.")
            .Validate(o => o.RequestsPerTransaction is >= 1 and <= 1000, "Escalation:RequestsPerTransaction must be between 1 and 1000.")
            .Validate(o => o.Parallelism is >= 1 and <= 32, "Escalation:Parallelism must be between 1 and 32.")
            .ValidateOnStart();
        services.AddSingleton<EscalationSettingsService>();
        services.AddSingleton<EscalationScanGate>();
        services.AddTransient<EscalationJob>();
        services.AddTransient<AutoCloseJob>();
        services.AddTransient<DailyDigestJob>();
        services.AddTransient<DraftAttachmentSweepJob>();
        services.AddSingleton<FigureRollupGate>();
        services.AddTransient<FigureRollupJob>();
        services.AddSingleton<DigestArchive>();

        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    config.UseInMemoryStorage();
                    break;
                case DatabaseProvider.Postgres:
                    config.UsePostgreSqlStorage(
                        storage => storage.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions
                        {
                            SchemaName = "hangfire",
                            QueuePollInterval = TimeSpan.FromSeconds(1),
                            UseSlidingInvisibilityTimeout = true,
                            InvisibilityTimeout = TimeSpan.FromMinutes(5),
                            PrepareSchemaIfNecessary = true,
                        });
                    break;
            }
        });

        if (configuration.GetValue(JobsOptions.Section + ":" + nameof(JobsOptions.RunServer), true))
        {
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ServerName = $"portal-{Environment.MachineName}-{Environment.ProcessId}";
            });
            // The escalation scan's own worker: a backlog of e-mail deliveries on the others never delays a scan
            // (B5: a scan waiting a minute for a free worker). One is enough: a node runs one scan at a time.
            services.AddHangfireServer((sp, server) =>
            {
                server.WorkerCount = 1;
                server.Queues = [EscalationJob.Queue];
                server.SchedulePollingInterval = sp.GetRequiredService<IOptions<JobsOptions>>().Value.SchedulePollingInterval;
                server.ServerName = $"portal-{Environment.MachineName}-{Environment.ProcessId}-escalation";
            });
        }
    }
}

internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}
