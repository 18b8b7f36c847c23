// The `data` of project set-up events: provisioning in the PSA and the billing schedule in the ERP.

/// `project.provisioned`
public struct ProjectProvisioned: Hashable, Sendable {
    public var contractID: String
    public var projectID: String

    public init(contractID: String, projectID: String) {
        self.contractID = contractID
        self.projectID = projectID
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(contractID: try r.identifier("contract_id", maxLength: 128), projectID: try r.identifier("project_id", maxLength: 128))
    }

    var json: JSONObject { ["contract_id": .string(contractID), "project_id": .string(projectID)] }
}

/// `project.provisioning_failed`
public struct ProjectProvisioningFailed: Hashable, Sendable {
    public var contractID: String
    public var attempt: Int
    public var reasonCode: String
    public var message: String

    public init(contractID: String, attempt: Int, reasonCode: String, message: String) {
        self.contractID = contractID
        self.attempt = attempt
        self.reasonCode = reasonCode
        self.message = message
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            contractID: try r.identifier("contract_id", maxLength: 128), attempt: try r.integer("attempt", minimum: 1),
            reasonCode: try r.string("reason_code"), message: try r.string("message", maxLength: 4096)
        )
    }

    var json: JSONObject {
        [
            "contract_id": .string(contractID), "attempt": .number(String(attempt)),
            "reason_code": .string(reasonCode), "message": .string(message),
        ]
    }
}

/// `billing_schedule.created`
public struct BillingScheduleCreated: Hashable, Sendable {
    public var contractID: String
    public var scheduleID: String

    public init(contractID: String, scheduleID: String) {
        self.contractID = contractID
        self.scheduleID = scheduleID
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(contractID: try r.identifier("contract_id", maxLength: 128), scheduleID: try r.identifier("schedule_id", maxLength: 128))
    }

    var json: JSONObject { ["contract_id": .string(contractID), "schedule_id": .string(scheduleID)] }
}
