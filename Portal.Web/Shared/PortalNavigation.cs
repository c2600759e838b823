using System.Security.Claims;
using Portal.Domain.Identity;

namespace Portal.Web.Shared;

/// <summary>One destination of the navigation drawer: its address, the resource keys of its text, its icon and who may go there.</summary>
public sealed record NavEntry(string Href, string TextKey, string Icon, IReadOnlyList<string> Roles)
{
    public string DescriptionKey => TextKey + ".Description";
}

/// <summary>
/// Where each role may go. The drawer, the role homes and the pages' own <c>[Authorize]</c> roles
/// all read this one list, so they cannot drift apart.
/// </summary>
public static class PortalNavigation
{
    public const string RequestReaders = $"{Roles.Enterprise},{Roles.Commissioner},{Roles.DepartmentHandler},{Roles.Cadre},{Roles.Supervisor},{Roles.Admin}";
    public const string RequestFilers = $"{Roles.Enterprise},{Roles.Commissioner}";
    public const string WorkspaceUsers = $"{Roles.Commissioner},{Roles.DepartmentHandler},{Roles.Supervisor}";
    public const string EnterpriseReaders = $"{Roles.Commissioner},{Roles.Cadre},{Roles.Supervisor},{Roles.Admin}";
    public const string ProjectReaders = $"{Roles.Enterprise},{Roles.Commissioner},{Roles.Supervisor},{Roles.Admin}";
    public const string ProjectKeepers = $"{Roles.Enterprise},{Roles.Commissioner}";
    public const string DashboardReaders = $"{Roles.Supervisor},{Roles.Cadre},{Roles.Commissioner},{Roles.Admin}";
    public const string Admins = Roles.Admin;
    public const string DigestReaders = $"{Roles.Supervisor},{Roles.Cadre}";
    public const string RegistrationApprovers = $"{Roles.Commissioner},{Roles.Supervisor}";

    public static IReadOnlyList<NavEntry> All { get; } =
    [
        new("/", "Nav.Home", MudBlazor.Icons.Material.Filled.Home, Roles.All),
        new("/requests/new", "Nav.NewRequest", MudBlazor.Icons.Material.Filled.AddComment, Split(RequestFilers)),
        new("/requests", "Nav.MyRequests", MudBlazor.Icons.Material.Filled.Inbox, [Roles.Enterprise]),
        new("/requests", "Nav.Requests", MudBlazor.Icons.Material.Filled.Inbox, Split(RequestReaders).Except([Roles.Enterprise]).ToList()),
        new("/projects", "Nav.Projects", MudBlazor.Icons.Material.Filled.Apartment, Split(ProjectKeepers)),
        new("/workspace", "Nav.Workspace", MudBlazor.Icons.Material.Filled.Work, Split(WorkspaceUsers)),
        new("/approvals", "Nav.Approvals", MudBlazor.Icons.Material.Filled.HowToReg, Split(RegistrationApprovers)),
        new("/enterprises", "Nav.Enterprises", MudBlazor.Icons.Material.Filled.Factory, Split(EnterpriseReaders)),
        new("/dashboard", "Nav.Dashboard", MudBlazor.Icons.Material.Filled.Dashboard, Split(DashboardReaders)),
        new("/digests", "Nav.Digests", MudBlazor.Icons.Material.Filled.Summarize, Split(DigestReaders)),
        new("/policies", "Nav.Policies", MudBlazor.Icons.Material.Filled.MenuBook, Roles.All),
        new("/admin/users", "Nav.AdminUsers", MudBlazor.Icons.Material.Filled.People, [Roles.Admin]),
        new("/admin/organisation", "Nav.AdminOrganisation", MudBlazor.Icons.Material.Filled.AccountTree, [Roles.Admin]),
        new("/admin/categories", "Nav.AdminCategories", MudBlazor.Icons.Material.Filled.Timer, [Roles.Admin]),
        new("/admin/calendar", "Nav.AdminCalendar", MudBlazor.Icons.Material.Filled.CalendarMonth, [Roles.Admin]),
        new("/admin/settings", "Nav.AdminSettings", MudBlazor.Icons.Material.Filled.Tune, [Roles.Admin]),
        new("/admin/problems", "Nav.AdminProblems", MudBlazor.Icons.Material.Filled.ReportProblem, [Roles.Admin]),
        new("/admin/outbox", "Nav.AdminOutbox", MudBlazor.Icons.Material.Filled.Outbox, [Roles.Admin]),
        new("/admin/audit", "Nav.AdminAudit", MudBlazor.Icons.Material.Filled.History, [Roles.Admin]),
        new("/jobs", "Nav.Jobs", MudBlazor.Icons.Material.Filled.Schedule, [Roles.Admin]),
        new("/Account/Manage", "Nav.Account", MudBlazor.Icons.Material.Filled.ManageAccounts, Roles.All),
    ];

    /// <summary>The user's one role (the portal gives each account one), or null for a user without any.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => Roles.All.FirstOrDefault(user.IsInRole);

    public static IReadOnlyList<NavEntry> For(ClaimsPrincipal user) =>
        RoleOf(user) is { } role ? All.Where(e => e.Roles.Contains(role)).ToList() : [];

    private static List<string> Split(string roles) => [.. roles.Split(',')];
}
