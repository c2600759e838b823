using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Portal.Domain.Identity;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// 用户管理: staff accounts listed and searched (keyset, "load more"), created, changed, deactivated with a
/// successor for a commissioner's work, their passwords reset and lockouts lifted. Every refusal is shown
/// beside its field and what was typed stays.
/// </summary>
public sealed partial class UsersPage
{
    [Inject]
    private UserAdministration Users { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private const string ResetPasswordKind = "ResetPassword";
    private const string UnlockKind = "Unlock";
    private const string DeactivateKind = "Deactivate";

    private PortalUser _admin = default!;
    private List<UserRow> _rows = [];
    private string? _next;
    private bool _loaded;
    private bool _busy;
    private string? _search;
    private string? _done;
    private IReadOnlyList<DepartmentOption> _departments = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private UserForm? _form;
    private UserAction? _action;

    protected override async Task OnInitializedAsync()
    {
        _admin = (await Authentication).User.ToPortalUser();
        _departments = await Users.DepartmentsAsync(_admin);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var page = await Users.ListAsync(_admin, _search, null, null);
        _rows = [.. page.Rows];
        _next = page.Next;
        _loaded = true;
    }

    private async Task SearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ReloadAsync();
        }
    }

    private async Task LoadMoreAsync()
    {
        if (_next is null || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var page = await Users.ListAsync(_admin, _search, null, _next);
            _rows = [.. _rows, .. page.Rows];
            _next = page.Next;
        }
        finally
        {
            _busy = false;
        }
    }

    private string State(UserRow row) =>
        !row.IsActive ? Text["Users.State.Deactivated"]
        : row.IsLockedOut ? Text["Users.State.LockedOut"]
        : row.MustChangePassword ? Text["Users.State.MustChangePassword"]
        : Text["Users.State.Active"];

    private string? ErrorOf(string field) =>
        _errors.TryGetValue(field, out var message) ? (Text[message] is { ResourceNotFound: false } text ? text.Value : message) : null;

    private void StartCreate()
    {
        Cancel();
        _form = new UserForm { Role = Roles.DepartmentHandler };
    }

    private void StartEdit(UserRow row)
    {
        Cancel();
        _form = new UserForm
        {
            UserId = row.Id, Email = row.Email, DisplayName = row.DisplayName, PhoneNumber = row.PhoneNumber, Role = row.Role, DepartmentId = row.DepartmentId,
        };
    }

    private async Task StartActionAsync(UserRow row, string kind)
    {
        Cancel();
        var action = new UserAction { User = row, Kind = kind };
        if (kind == "Deactivate" && row.Role == Roles.Commissioner)
        {
            (action.Enterprises, action.OpenRequests) = await Users.WorkloadAsync(_admin, row.Id);
            action.Successors = await Users.CommissionersAsync(_admin, row.Id);
            action.SuccessorId = await Users.DefaultSuccessorAsync(_admin, row.Id);
        }
        _action = action;
    }

    private void Cancel()
    {
        _form = null;
        _action = null;
        _done = null;
        _errors = new Dictionary<string, string>();
    }

    private async Task SaveAsync()
    {
        if (_form is not { } form || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var account = new StaffAccount(form.Email ?? "", form.DisplayName ?? "", form.PhoneNumber, form.Role ?? "", form.DepartmentId);
            var outcome = form.UserId is null
                ? await Users.CreateAsync(_admin, account, form.Password ?? "")
                : await Users.ChangeAsync(_admin, form.UserId, account);
            _errors = outcome.Errors;
            if (outcome.Succeeded)
            {
                _done = Text[form.UserId is null ? "Users.Done.Created" : "Users.Done.Changed", account.Email];
                _form = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ConfirmAsync()
    {
        if (_action is not { } action || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var outcome = action.Kind switch
            {
                "Deactivate" => await Users.DeactivateAsync(_admin, action.User.Id, action.SuccessorId),
                "ResetPassword" => await Users.ResetPasswordAsync(_admin, action.User.Id, action.Password ?? ""),
                _ => await Users.UnlockAsync(_admin, action.User.Id),
            };
            _errors = outcome.Errors;
            if (outcome.Succeeded)
            {
                _done = Text["Users.Done." + action.Kind, action.User.Email];
                _action = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class UserForm
    {
        public string? UserId { get; init; }

        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? PhoneNumber { get; set; }

        public string? Role { get; set; }

        public int? DepartmentId { get; set; }

        public string? Password { get; set; }
    }

    private sealed class UserAction
    {
        public required UserRow User { get; init; }

        public required string Kind { get; init; }

        public int Enterprises { get; set; }

        public int OpenRequests { get; set; }

        public IReadOnlyList<UserRow> Successors { get; set; } = [];

        public string? SuccessorId { get; set; }

        public string? Password { get; set; }
    }
}
