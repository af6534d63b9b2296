package io.lingqian.social.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.social.SocialJobs;

/** Runs the social jobs on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class SocialSchedule {

    private final SocialJobs jobs;

    SocialSchedule(SocialJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${lingqian.social.job-interval:10s}", initialDelayString = "${lingqian.social.job-interval:10s}")
    void run() {
        jobs.run();
    }
}
