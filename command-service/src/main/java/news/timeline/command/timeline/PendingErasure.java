package news.timeline.command.timeline;

/** An erasure asked for and not yet approved: what the approval needs to carry it out. */
record PendingErasure(String erasureId, String updateId, String requestedBy, String reason, String legalReference,
                      String publicNote) {

    /** Two people: whoever asked for an erasure may not approve it. */
    void checkApprover(String approver) {
        if (requestedBy.equals(approver)) {
            throw new OwnErasureException(erasureId);
        }
    }
}
