import { type GeoErrorLike, geolocationErrorMessage } from './time-logic';

export interface Coordinates {
  latitude: number;
  longitude: number;
  accuracyMeters?: number;
}

/** Thrown when the browser gives no position; `message` is what the user should read. */
export class LocationError extends Error {}

/** The browser's current position, or a LocationError explaining why there is none. */
export function currentPosition(timeoutMs = 15_000): Promise<Coordinates> {
  if (typeof window !== 'undefined' && window.isSecureContext === false) {
    return Promise.reject(new LocationError(geolocationErrorMessage('insecure')));
  }
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return Promise.reject(new LocationError(geolocationErrorMessage('unsupported')));
  return new Promise((resolve, reject) => {
    geo.getCurrentPosition(
      (pos) =>
        resolve({
          latitude: pos.coords.latitude,
          longitude: pos.coords.longitude,
          accuracyMeters: Number.isFinite(pos.coords.accuracy)
            ? Math.min(100_000, Math.max(0, pos.coords.accuracy))
            : undefined,
        }),
      (err: GeoErrorLike) => reject(new LocationError(geolocationErrorMessage(err))),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
