package news.timeline.query.admin;

import news.timeline.query.rebuild.ProjectionRebuild;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Admins: {@code POST /api/admin/rebuild} starts rebuilding every projection from the topic ({@code 202}, or
 * {@code 409} while one is under way); {@code GET} follows its progress and, once done, the checksums compared.
 */
@RestController
@RequestMapping(RebuildController.PATH)
class RebuildController {

    static final String PATH = "/api/admin/rebuild";

    private final ProjectionRebuild rebuild;

    RebuildController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    ResponseEntity<ProjectionRebuild.Progress> start() {
        ProjectionRebuild.Progress before = rebuild.progress();
        ProjectionRebuild.Progress started = rebuild.start();
        boolean underWay = before.state() == ProjectionRebuild.State.REBUILDING
                || before.state() == ProjectionRebuild.State.SWITCHING;
        return ResponseEntity.status(underWay ? HttpStatus.CONFLICT : HttpStatus.ACCEPTED)
                .location(URI.create(PATH)).body(started);
    }

    @GetMapping
    ProjectionRebuild.Progress progress() {
        return rebuild.progress();
    }
}
