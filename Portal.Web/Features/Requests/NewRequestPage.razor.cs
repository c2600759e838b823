using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Attachments;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Attachments;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Requests;

/// <summary>
/// 提交诉求: the form for a new request — category (with its promised time limit), urgency, title,
/// description, files — kept as a draft on the server while it is typed (a reload, a lost connection or
/// another computer finds it again, files included), checked field by field with the message beside the
/// field and nothing lost, and once filed, the receipt: number, commissioner, deadlines.
/// </summary>
public sealed partial class NewRequestPage : IDisposable
{
    private const string ProjectNotOfEnterprise = "Request.ProjectNotOfEnterprise";

    /// <summary>How long typing must pause before the draft is saved.</summary>
    private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(700);

    private static readonly RequestChannel[] StaffChannels =
        [RequestChannel.Phone, RequestChannel.Visit, RequestChannel.Hotline12345, RequestChannel.DialogueMeeting];

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private RequestFiling Filing { get; set; } = default!;

    [Inject]
    private AttachmentService Attachments { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IStringLocalizer<FilingResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> RequestText { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ProjectResource> ProjectText { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Inject]
    private ILogger<NewRequestPage> Log { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public FilingFormData? Data { get; set; }

    /// <summary>Set once the request is filed.</summary>
    public ReceiptView? Receipt { get; private set; }

    private InputModel _input = new();
    private List<AttachmentInfo> _files = [];
    private IReadOnlyList<ProjectSummary> _projects = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly List<string> _fileErrors = [];
    private string? _formError;
    private string? _draftStatus;
    private string? _uploading;
    private bool _submitting;
    private bool _submitted;
    private PortalUser _user = new("", "");
    private CancellationTokenSource? _pendingSave;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User.ToPortalUser();
        Data ??= await LoadAsync();
        var draft = Data.Draft;
        _input = new InputModel
        {
            EnterpriseId = _user.Role == Roles.Enterprise ? _user.EnterpriseId : draft.EnterpriseId,
            Channel = _user.Role == Roles.Enterprise ? RequestChannel.Portal : draft.Channel,
            CategoryId = draft.CategoryId,
            Urgency = draft.Urgency,
            Title = draft.Title,
            Description = draft.Description,
            ProjectId = draft.ProjectId,
        };
        _files = [.. draft.Attachments];
        if (_input.CategoryId is { } kept && Data.Categories.All(c => c.Id != kept))
        {
            // The draft's category was made inactive since: say so beside the choice rather than file under it.
            _input.CategoryId = null;
            _errors[nameof(InputModel.CategoryId)] = Text["Error.CategoryInactive"];
        }
        await LoadProjectsAsync();
        if (draft.SavedAt is { } saved)
        {
            _draftStatus = Text["New.DraftSaved", Format.DateTime(saved)];
        }
    }

    private async Task<FilingFormData> LoadAsync()
    {
        var categories = await Filing.CategoriesAsync();
        var enterprises = await Filing.EnterprisesAsync(_user);
        var draft = await Filing.DraftAsync(_user);
        return new FilingFormData(
            _user.Role,
            [.. categories.Select(c => new CategoryView(
                c.Id, c.Name, c.Description, c.ResolveNormal?.Amount, c.ResolveNormal?.Unit, c.ResolveUrgent?.Amount, c.ResolveUrgent?.Unit))],
            enterprises,
            draft);
    }

    /// <summary>The projects of the enterprise the request is for; the chosen one is let go when it is not among them.</summary>
    private async Task LoadProjectsAsync()
    {
        _projects = _input.EnterpriseId is { } enterprise
            ? await Projects.ListAsync(_user, enterprise, pageSize: ProjectService.MaxPageSize)
            : [];
        if (_input.ProjectId is { } chosen && _projects.All(p => p.Id != chosen))
        {
            _input.ProjectId = null;
        }
    }

    private string ProjectName(int? id) => _projects.FirstOrDefault(p => p.Id == id)?.Name ?? "";

    /// <summary>A commissioner chose the enterprise: its projects replace the last one's.</summary>
    private async Task ChangeEnterpriseAsync(int? enterpriseId)
    {
        Change(() => _input.EnterpriseId = enterpriseId, nameof(InputModel.EnterpriseId));
        await LoadProjectsAsync();
        _errors.Remove(nameof(InputModel.ProjectId));
    }

    private void Change(Action set, string field)
    {
        set();
        if (_errors.ContainsKey(field))
        {
            _errors.Remove(field);
            Validate(field);
        }
        ScheduleSave();
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    /// <summary>Checks one field, or all of them, recording a message beside each that is wrong.</summary>
    private bool Validate(string? only = null)
    {
        void Check(string field, LocalizedString? error)
        {
            if (only is null || only == field)
            {
                if (error is null)
                {
                    _errors.Remove(field);
                }
                else
                {
                    _errors[field] = error.Value;
                }
            }
        }

        var title = _input.Title?.Trim() ?? "";
        var description = _input.Description?.Trim() ?? "";
        Check(nameof(InputModel.EnterpriseId), _input.EnterpriseId is null ? Text["Error.EnterpriseRequired"] : null);
        Check(nameof(InputModel.Channel), _input.Channel is null ? Text["Error.ChannelRequired"] : null);
        Check(nameof(InputModel.CategoryId), _input.CategoryId is null ? Text["Error.CategoryRequired"] : null);
        Check(nameof(InputModel.Title), title.Length == 0
            ? Text["Error.TitleRequired"]
            : title.Length > ServiceRequest.TitleMaxLength ? Text["Error.TitleTooLong", ServiceRequest.TitleMaxLength, title.Length] : null);
        Check(nameof(InputModel.Description), description.Length == 0
            ? Text["Error.DescriptionRequired"]
            : description.Length > ServiceRequest.DescriptionMaxLength ? Text["Error.DescriptionTooLong", ServiceRequest.DescriptionMaxLength, description.Length] : null);
        return _errors.Count == 0;
    }

    private async Task SubmitAsync()
    {
        if (_submitting)
        {
            return;
        }
        CancelPendingSave();
        _formError = null;
        if (!Validate())
        {
            _formError = Text["Error.Fix"];
            await SaveDraftNowAsync();
            return;
        }
        _submitting = true;
        try
        {
            var number = await Requests.SubmitAsync(_user, new SubmitRequestInput(
                _input.EnterpriseId!.Value, _input.CategoryId!.Value, _input.Urgency, _input.Channel!.Value, _input.Title, _input.Description,
                [.. _files.Select(f => f.Id)], _input.ProjectId));
            _submitted = true;
            var receipt = await Filing.ReceiptAsync(_user, number);
            Receipt = new ReceiptView(
                number, receipt?.CommissionerName,
                [.. (receipt?.Deadlines ?? []).Select(d => new ReceiptDeadlineView(d.Kind, d.DueAt, d.Provisional, d.Limit.Amount, d.Limit.Unit))]);
        }
        catch (DomainException refused) when (refused.Code == ProjectNotOfEnterprise)
        {
            // The project is gone from what the user may choose (another tab, another user): say so beside it and offer what is left.
            _errors[nameof(InputModel.ProjectId)] = Text["Error.ProjectNotFound"];
            _formError = Text["Error.Fix"];
            var chosen = _input.ProjectId;
            await LoadProjectsAsync();
            _input.ProjectId = chosen;
            await SaveDraftNowAsync();
        }
        catch (DomainException refused) when (refused.Code == CategoryRefusals.Inactive)
        {
            // Made inactive while the form was open: said beside the categories, which now leave it out; the rest kept.
            _errors[nameof(InputModel.CategoryId)] = Refusal.Describe(refused);
            _formError = Text["Error.Fix"];
            Data = Data! with { Categories = [.. Data.Categories.Where(c => c.Id != _input.CategoryId)] };
            _input.CategoryId = null;
            await SaveDraftNowAsync();
        }
        catch (DomainException refused)
        {
            _formError = Refusal.Describe(refused);
            await SaveDraftNowAsync();
        }
        catch (EnterpriseNotFoundException)
        {
            // No longer theirs (reassigned meanwhile): said next to the picker, the rest kept.
            _errors[nameof(InputModel.EnterpriseId)] = Text["Error.EnterpriseNotFound"];
            _formError = Text["Error.Fix"];
            await SaveDraftNowAsync();
        }
        finally
        {
            _submitting = false;
        }
    }

    private Task AddFilesAsync(InputFileChangeEventArgs e) => FileUploads.AddAsync(
        e, _files, _fileErrors, async (name, content) => await Attachments.AddToDraftAsync(_user, name, content), Uploading, Text, Log);

    private void Uploading(string? fileName)
    {
        _uploading = fileName;
        StateHasChanged();
    }

    private async Task RemoveFileAsync(AttachmentInfo file)
    {
        await Attachments.RemoveFromDraftAsync(_user, file.Id);
        _files.Remove(file);
    }

    private async Task DiscardAsync()
    {
        CancelPendingSave();
        await Filing.DiscardDraftAsync(_user);
        _input = new InputModel
        {
            EnterpriseId = _user.Role == Roles.Enterprise ? _user.EnterpriseId : null,
            Channel = _user.Role == Roles.Enterprise ? RequestChannel.Portal : null,
        };
        _files = [];
        _projects = _user.Role == Roles.Enterprise ? _projects : [];
        _errors.Clear();
        _fileErrors.Clear();
        _formError = null;
        _draftStatus = Text["New.Discarded"];
    }

    private void StartAnother()
    {
        Receipt = null;
        _submitted = false;
        _input = new InputModel
        {
            EnterpriseId = _user.Role == Roles.Enterprise ? _user.EnterpriseId : null,
            Channel = _user.Role == Roles.Enterprise ? RequestChannel.Portal : null,
        };
        _files = [];
        _projects = _user.Role == Roles.Enterprise ? _projects : [];
        _draftStatus = null;
    }

    private void ScheduleSave()
    {
        CancelPendingSave();
        var pending = _pendingSave = new CancellationTokenSource();
        _ = SaveLaterAsync(pending.Token);
    }

    private async Task SaveLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SaveDelay, Time, cancellationToken);
            await InvokeAsync(async () =>
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await SaveDraftNowAsync();
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void CancelPendingSave()
    {
        _pendingSave?.Cancel();
        _pendingSave?.Dispose();
        _pendingSave = null;
    }

    private async Task SaveDraftNowAsync()
    {
        if (_submitted)
        {
            return;
        }
        try
        {
            await SaveDraftAsync();
            _draftStatus = Text["New.DraftSaved", Format.DateTime(Time.GetUtcNow())];
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Log.LogError(failure, "Saving the draft of {UserId} failed", _user.Id);
            _draftStatus = Text["New.DraftNotSaved"];
        }
    }

    private Task SaveDraftAsync() => Filing.SaveDraftAsync(
        _user, _user.Role == Roles.Enterprise ? null : _input.EnterpriseId, _user.Role == Roles.Enterprise ? null : _input.Channel,
        _input.CategoryId, _input.Urgency, _input.Title, _input.Description, _input.ProjectId);

    private string Promise(CategoryView category)
    {
        var parts = new List<string>();
        if (category.NormalAmount is { } normal && category.NormalUnit is { } normalUnit)
        {
            parts.Add(Text["New.Promise", RequestText["Urgency.Normal"], LimitText(normal, normalUnit)]);
        }
        if (category.UrgentAmount is { } urgent && category.UrgentUnit is { } urgentUnit)
        {
            parts.Add(Text["New.Promise", RequestText["Urgency.Urgent"], LimitText(urgent, urgentUnit)]);
        }
        return parts.Count == 0 ? Text["New.NoPromise"] : string.Join(" · ", parts);
    }

    private string LimitText(int amount, TimeLimitUnit unit) => Text["Limit." + unit, amount];

    public void Dispose()
    {
        // Leaving the page with a save still waiting: save now rather than lose the last few keystrokes.
        if (_pendingSave is not null && !_submitted)
        {
            CancelPendingSave();
            _ = SaveDraftAsync().ContinueWith(
                t => Log.LogError(t.Exception, "Saving the draft of {UserId} on leaving failed", _user.Id),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>What the form holds, valid or not.</summary>
    public sealed class InputModel
    {
        public int? EnterpriseId { get; set; }
        public RequestChannel? Channel { get; set; }
        public int? CategoryId { get; set; }
        public Urgency Urgency { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int? ProjectId { get; set; }
    }
}

/// <param name="NormalAmount">The resolve target of a normal request of the category, with <paramref name="NormalUnit"/>; null when none is set.</param>
public sealed record CategoryView(
    int Id, string Name, string Description, int? NormalAmount, TimeLimitUnit? NormalUnit, int? UrgentAmount, TimeLimitUnit? UrgentUnit);

/// <summary>What the form needs, in plain values that survive the hand-over from prerendering.</summary>
public sealed record FilingFormData(
    string Role, IReadOnlyList<CategoryView> Categories, IReadOnlyList<FilingEnterprise> Enterprises, DraftContent Draft);

public sealed record ReceiptDeadlineView(DeadlineKind Kind, DateTimeOffset DueAt, bool Provisional, int Amount, TimeLimitUnit Unit);

public sealed record ReceiptView(string Number, string? CommissionerName, IReadOnlyList<ReceiptDeadlineView> Deadlines);
