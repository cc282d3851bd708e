using WebMacs.Domain;

namespace WebMacs.Acquisition;

/// <summary>
/// Where the acquisition engine gets its plugin instances from and where it reports their health: the local database
/// (<see cref="DatabaseAcquisitionSource"/>, the default) or, on an edge controller with <c>AddUplink()</c>, the
/// backend's REST API (<see cref="Uplink.RemoteAcquisitionSource"/>).
/// </summary>
internal interface IAcquisitionSource
{
    /// <summary>Loads the enabled instances with their linked channels; throws when they cannot be loaded (a source may answer its last good configuration instead).</summary>
    Task<List<InstanceSpec>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores the status of an instance; throws when it could not be stored (the caller reports again later).</summary>
    ValueTask ReportStatusAsync(Guid instancePublicId, PluginStatus status, string? error, CancellationToken cancellationToken);
}
