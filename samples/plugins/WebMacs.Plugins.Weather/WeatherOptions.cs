using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins.Weather;

/// <summary>
/// Holds the settings of one weather-station instance, bound from its <c>config_json</c> (snake_case names:
/// <c>base_url</c>, <c>latitude</c>, <c>longitude</c>, <c>station_id</c>, <c>timeout_ms</c>,
/// <c>refresh_interval_s</c>) on top of the common <see cref="PluginInstanceOptions"/>.
/// </summary>
public sealed class WeatherOptions : PluginInstanceOptions
{
    /// <summary>Gets or sets the base address of the weather API (absolute http or https URL, default Open-Meteo).</summary>
    [Required]
    [Url]
    [StringLength(2048, MinimumLength = 8)]
    [Description("Base URL of the weather API (an Open-Meteo compatible /v1/forecast endpoint).")]
    [Display(Order = 10)]
    public string BaseUrl { get; set; } = "https://api.open-meteo.com/";

    /// <summary>Gets or sets the latitude of the location in degrees (−90–90, default 52.52: Berlin).</summary>
    [Range(-90.0, 90.0)]
    [Description("Latitude of the location in degrees.")]
    [Display(Order = 11)]
    public double Latitude { get; set; } = 52.52;

    /// <summary>Gets or sets the longitude of the location in degrees (−180–180, default 13.41: Berlin).</summary>
    [Range(-180.0, 180.0)]
    [Description("Longitude of the location in degrees.")]
    [Display(Order = 12)]
    public double Longitude { get; set; } = 13.41;

    /// <summary>
    /// Gets or sets the id of a weather station; when set it is sent as <c>station_id</c> instead of the coordinates
    /// (for APIs that serve stations; empty by default).
    /// </summary>
    [StringLength(100)]
    [Description("Station id sent instead of latitude/longitude (optional).")]
    [Display(Order = 13)]
    public string? StationId { get; set; }

    /// <summary>Gets or sets the time one HTTP request may take, in milliseconds (100–60000, default 5000).</summary>
    [Range(100, 60000)]
    [Description("HTTP request timeout in milliseconds.")]
    [Display(Order = 14)]
    public int TimeoutMs { get; set; } = 5000;

    /// <summary>
    /// Gets or sets how long a successful response is reused before the API is asked again, in seconds (0–86400,
    /// default 60; 0 asks on every poll). Weather APIs update every few minutes, so polling faster only repeats values.
    /// </summary>
    [Range(0, 86400)]
    [Description("Seconds a response is reused before the API is asked again (0 = every poll).")]
    [Display(Order = 15)]
    public int RefreshIntervalS { get; set; } = 60;
}
