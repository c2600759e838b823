using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Enterprises;

/// <summary>What the first render loaded, kept across prerendering.</summary>
public sealed record EnterprisesPageData(EnterpriseChoices Choices, IReadOnlyList<EnterpriseRow> Rows, EnterpriseCursor? Next);

/// <summary>
/// 企业管理: the enterprises a reader looks after (a commissioner's own, a cadre's guaranteed, all for supervisors and
/// admins), searched and filtered, paged by keyset ("加载更多"); admins create and change them here. Every refusal is
/// shown beside its field in the user's language, and what was typed stays.
/// </summary>
public sealed partial class EnterprisesPage
{
    private const string AnyScale = "any";
    private const string AboveScale = "above";
    private const string BelowScale = "below";

    [Inject]
    private EnterpriseAdministration Enterprises { get; set; } = default!;

    [Inject]
    private IStringLocalizer<EnterpriseResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [PersistentState]
    public EnterprisesPageData? Data { get; set; }

    private PortalUser _user = default!;
    private bool _isAdmin;
    private bool _seesAll;
    private EnterpriseChoices _choices = new([], [], [], []);
    private List<EnterpriseRow> _rows = [];
    private EnterpriseCursor? _next;
    private bool _loaded;
    private bool _busy;
    private string? _done;
    private readonly FilterForm _filter = new();
    private IReadOnlyDictionary<string, DomainException> _errors = new Dictionary<string, DomainException>();
    private EnterpriseForm? _form;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User.ToPortalUser();
        _isAdmin = _user.Role == Roles.Admin;
        _seesAll = _user.Role is Roles.Admin or Roles.Supervisor;
        if (Data is null)
        {
            var choices = await Enterprises.ChoicesAsync(_user);
            var page = await Enterprises.ListAsync(_user, new EnterpriseFilter(), null);
            Data = new EnterprisesPageData(choices, page.Rows, page.Next);
        }
        _choices = Data.Choices;
        _rows = [.. Data.Rows];
        _next = Data.Next;
        _loaded = true;
    }

    private EnterpriseFilter Filter() => new(
        _filter.Search, _filter.ParkId, _filter.IndustryId,
        _filter.Scale switch { AboveScale => true, BelowScale => false, _ => null },
        _seesAll ? _filter.CommissionerUserId : null);

    private async Task ReloadAsync()
    {
        var page = await Enterprises.ListAsync(_user, Filter(), null);
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
            var page = await Enterprises.ListAsync(_user, Filter(), _next);
            var seen = _rows.Select(r => r.Id).ToHashSet();
            _rows = [.. _rows, .. page.Rows.Where(r => !seen.Contains(r.Id))];
            _next = page.Next;
        }
        finally
        {
            _busy = false;
        }
    }

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var refusal) ? Refusal.Describe(refusal) : null;

    private string? ContactError(int index, string field) => ErrorOf($"Contacts[{index}].{field}");

    private void StartCreate()
    {
        Cancel();
        _form = new EnterpriseForm { Contacts = [new ContactForm()] };
    }

    private void StartEdit(EnterpriseRow row)
    {
        Cancel();
        _form = new EnterpriseForm
        {
            Id = row.Id, OriginalName = row.Name, OriginalCadre = row.Cadre,
            Name = row.Name, CreditCode = row.CreditCode, IsAboveScale = row.IsAboveScale, ParkId = row.ParkId, IndustryId = row.IndustryId,
            CommissionerUserId = row.CommissionerUserId, CadreUserId = row.CadreUserId,
            Contacts = [.. row.Contacts.Select(c => new ContactForm { Name = c.Name, Position = c.Position, Mobile = c.Mobile, Email = c.Email })],
        };
    }

    private void AddContact()
    {
        if (_form is { } form && form.Contacts.Count < Portal.Domain.Organisation.Enterprise.MaxContacts)
        {
            form.Contacts.Add(new ContactForm());
        }
    }

    private void RemoveContact(int index)
    {
        if (_form is { } form && index < form.Contacts.Count)
        {
            form.Contacts.RemoveAt(index);
            _errors = ShiftedContactErrors(_errors, index);
        }
    }

    /// <summary>A contact's refusals follow it when one above is removed; the removed one's go with it.</summary>
    private static Dictionary<string, DomainException> ShiftedContactErrors(IReadOnlyDictionary<string, DomainException> errors, int removed)
    {
        const string prefix = "Contacts[";
        var shifted = new Dictionary<string, DomainException>();
        foreach (var (key, refusal) in errors)
        {
            var close = key.IndexOf(']', StringComparison.Ordinal);
            if (key.StartsWith(prefix, StringComparison.Ordinal) && close > prefix.Length
                && int.TryParse(key.AsSpan(prefix.Length, close - prefix.Length), out var index))
            {
                if (index != removed)
                {
                    shifted[$"{prefix}{(index > removed ? index - 1 : index)}{key[close..]}"] = refusal;
                }
                continue;
            }
            shifted[key] = refusal;
        }
        return shifted;
    }

    private void Cancel()
    {
        _form = null;
        _done = null;
        _errors = new Dictionary<string, DomainException>();
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
            var input = new EnterpriseInput(form.Name, form.CreditCode, form.IsAboveScale, form.ParkId, form.IndustryId, form.CommissionerUserId,
                form.IsAboveScale ? form.CadreUserId : null,
                [.. form.Contacts.Select(c => new EnterpriseContactInput(c.Name, c.Position, c.Mobile, c.Email))]);
            var outcome = form.Id is { } id ? await Enterprises.ChangeAsync(_user, id, input) : await Enterprises.CreateAsync(_user, input);
            _errors = outcome.Errors;
            if (outcome.Succeeded)
            {
                var name = form.Name?.Trim() ?? "";
                _done = Text[form.Id is null ? "Enterprises.Done.Created" : "Enterprises.Done.Changed", name]
                    + (outcome.MovedRequests.Count > 0 ? " " + Text["Enterprises.Done.Moved", outcome.MovedRequests.Count] : "");
                _form = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class FilterForm
    {
        public string? Search { get; set; }

        public int? ParkId { get; set; }

        public int? IndustryId { get; set; }

        public string Scale { get; set; } = AnyScale;

        public string? CommissionerUserId { get; set; }
    }

    private sealed class EnterpriseForm
    {
        public int? Id { get; init; }

        public string? OriginalName { get; init; }

        public string? OriginalCadre { get; init; }

        public string? Name { get; set; }

        public string? CreditCode { get; set; }

        public bool IsAboveScale { get; set; }

        public int? ParkId { get; set; }

        public int? IndustryId { get; set; }

        public string? CommissionerUserId { get; set; }

        public string? CadreUserId { get; set; }

        public List<ContactForm> Contacts { get; init; } = [];
    }

    private sealed class ContactForm
    {
        public string? Name { get; set; }

        public string? Position { get; set; }

        public string? Mobile { get; set; }

        public string? Email { get; set; }
    }
}
