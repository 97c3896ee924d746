package org.sharpeyes.gateway.onvif;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything registration needs to know about one device. */
public record OnvifInfo(URI service, DeviceInfo device, ClockReading clock, Services services, List<Profile> profiles,
                        PtzSupport ptz) {

    /** The profile with the most pixels: the main stream. */
    public Optional<Profile> mainProfile() {
        return profiles.stream().max(Comparator.comparingLong(Profile::pixels));
    }

    /** The largest profile smaller than the main one: the sub stream, when there is one. */
    public Optional<Profile> subProfile() {
        return mainProfile().flatMap(main -> profiles.stream()
                .filter(p -> p.pixels() < main.pixels())
                .max(Comparator.comparingLong(Profile::pixels)));
    }
}
