using CourseHub.Web.Infrastructure;
using CourseHub.Web.Features.Media;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CourseHub.Web.Components.Pages.Teach;

/// <summary>What an <see cref="UploadField"/> shows as its current file (the size may be unknown, e.g. for a thumbnail).</summary>
public sealed record CurrentFile(string Name, long? SizeBytes);

/// <summary>A file the user chose, with the progress to report and the cancellation of the upload.</summary>
public sealed record UploadRequest(FileUpload File, IProgress<long> Progress, CancellationToken Cancellation);

public partial class UploadField
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(200);

    [Parameter, EditorRequired] public string Label { get; set; } = "";
    /// <summary>The file chooser's filter (the Api decides by content).</summary>
    [Parameter] public string Accept { get; set; } = "";
    [Parameter, EditorRequired] public string AcceptLabel { get; set; } = "";
    [Parameter, EditorRequired] public long MaxBytes { get; set; }
    [Parameter] public CurrentFile? Current { get; set; }
    /// <summary>Sends the file; returns the error to show, or null when it was stored.</summary>
    [Parameter, EditorRequired] public Func<UploadRequest, Task<string?>> Upload { get; set; } = null!;
    /// <summary>Removes the current file; returns the error to show, or null. No remove button without it.</summary>
    [Parameter] public Func<Task<string?>>? Remove { get; set; }
    [Parameter] public bool Disabled { get; set; }
    [Parameter] public string? TestId { get; set; }
    /// <summary>Shown under the current file (a preview).</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    private readonly string _inputId = $"upload-{Guid.NewGuid():N}";
    private string HintId => $"{_inputId}-hint";
    private string StatusId => $"{_inputId}-status";
    private Guid _inputKey = Guid.NewGuid();
    private CancellationTokenSource? _cancellation;
    private bool _uploading;
    private bool _removing;
    private bool _dragOver;
    private string? _fileName;
    private long _sent;
    private long _total;
    private int _percent;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    private DateTimeOffset _lastRender;
    private string? _error;
    private string? _message;

    private string ProgressText => $"{_percent}% — {FileSizes.Format(_sent)} of {FileSizes.Format(_total)}";

    /// <summary>The message for a failed upload: the Api's error for the file, else what went wrong.</summary>
    public static string? ErrorOf<T>(ApiResult<T>? result) => result switch
    {
        null => "Your session has ended. Sign in again.",
        { Succeeded: true } => null,
        _ when result.FieldErrors.TryGetValue("file", out var fileError) => fileError,
        _ when result.FieldErrors.Count > 0 => string.Join(" ", result.FieldErrors.Values),
        // The Api may stop reading a refused file part-way; the connection then ends before its answer arrives.
        { Status: 0 } => "The upload stopped before it finished: the file may be of a kind not accepted here, or the connection was lost.",
        _ => result.Message,
    };

    private async Task UploadAsync(InputFileChangeEventArgs args)
    {
        _dragOver = false;
        _error = null;
        _message = null;
        var file = args.File;
        if (file.Size == 0 || file.Size > MaxBytes)
        {
            _error = file.Size == 0 ? "The file is empty." : $"The file is {FileSizes.Format(file.Size)}; at most {FileSizes.Format(MaxBytes)} is accepted.";
            _inputKey = Guid.NewGuid();
            return;
        }
        _cancellation = new CancellationTokenSource();
        (_uploading, _fileName, _sent, _total, _percent) = (true, file.Name, 0, file.Size, 0);
        try
        {
            await using var content = file.OpenReadStream(MaxBytes, _cancellation.Token);
            // Created here, on the page's context: the reports come back to it and may re-render.
            var progress = new Progress<long>(ShowProgress);
            var error = await Upload(new UploadRequest(new FileUpload(content, file.Name, file.ContentType, file.Size), progress, _cancellation.Token));
            if (_cancellation.IsCancellationRequested)
            {
                _message = "Upload cancelled.";
            }
            else if (error is not null)
            {
                _error = error;
            }
            else
            {
                _message = $"Uploaded {file.Name}.";
            }
        }
        finally
        {
            _uploading = false;
            _cancellation.Dispose();
            _cancellation = null;
            // A new input, so choosing the same file again is a change.
            _inputKey = Guid.NewGuid();
        }
    }

    private void ShowProgress(long sent)
    {
        if (!_uploading)
        {
            return;
        }
        _sent = sent;
        _percent = _total == 0 ? 100 : (int)(sent * 100 / _total);
        if (Clock.GetUtcNow() - _lastRender >= RenderInterval)
        {
            _lastRender = Clock.GetUtcNow();
            StateHasChanged();
        }
    }

    private void Cancel() => _cancellation?.Cancel();

    private async Task RemoveAsync()
    {
        _removing = true;
        _error = null;
        _message = null;
        try
        {
            _error = await Remove!();
            _message = _error is null ? "Removed." : null;
        }
        finally
        {
            _removing = false;
        }
    }

    public void Dispose() => _cancellation?.Cancel();
}
