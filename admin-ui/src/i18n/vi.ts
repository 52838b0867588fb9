// Vietnamese messages — the default language of the back office.
// ra.* comes from ra-vi.ts; resources.* and app.* are ours. en.ts must have
// exactly the same app/resources keys (its type enforces it).
import type { TranslationMessages } from 'react-admin';
import { raVietnamese } from './ra-vi';

export const viResources = {
    organizations: {
        name: 'Tổ chức |||| Tổ chức',
        fields: {
            id: 'Mã định danh',
            code: 'Mã định danh',
            name: 'Tên cơ quan',
            shortName: 'Tên viết tắt',
            kind: 'Loại',
            parentCode: 'Cơ quan cấp trên',
            address: 'Địa chỉ',
            email: 'Thư điện tử',
            phone: 'Điện thoại',
            website: 'Trang thông tin điện tử',
            connectionState: 'Trạng thái kết nối',
            connectedAt: 'Kết nối từ',
            deadlineMissed: 'Quá hạn kết nối',
            nonCompliantSince: 'Không tuân thủ từ',
            createdAt: 'Ngày tạo',
            updatedAt: 'Cập nhật lần cuối',
            q: 'Tìm kiếm',
            subtree: 'Thuộc cây của',
        },
    },
    connections: {
        name: 'Kết nối liên thông |||| Kết nối liên thông',
        fields: {
            id: 'Mã định danh',
            code: 'Mã định danh',
            name: 'Tên cơ quan',
            kind: 'Loại',
            parentCode: 'Cơ quan cấp trên',
            state: 'Trạng thái kết nối',
            connectedAt: 'Kết nối từ',
            deadline: 'Hạn kết nối',
            deadlineMissed: 'Quá hạn kết nối',
            overdue: 'Quá hạn',
            nonCompliantSince: 'Không tuân thủ từ',
            lastReminderAt: 'Nhắc lần cuối',
            steps: 'Tiến trình kết nối',
            q: 'Tìm kiếm',
            subtree: 'Thuộc cây của',
        },
    },
    notifications: {
        name: 'Thông báo |||| Thông báo',
        fields: {
            id: 'Số',
            kind: 'Loại',
            title: 'Tiêu đề',
            body: 'Nội dung',
            subjectType: 'Đối tượng',
            subjectId: 'Mã đối tượng',
            createdAt: 'Thời gian',
            readAt: 'Đã đọc lúc',
            unread: 'Chưa đọc',
        },
    },
    users: {
        name: 'Người dùng |||| Người dùng',
        fields: {
            id: 'Số',
            username: 'Tên đăng nhập',
            fullName: 'Họ và tên',
            organizationCode: 'Cơ quan',
            roles: 'Vai trò',
            active: 'Đang hoạt động',
            q: 'Tìm kiếm',
        },
    },
};

export const viApp = {
    title: 'Quản lý văn bản và điều hành',
    subtitle: 'Tỉnh Sơn La',
    auth: {
        login_title: 'Đăng nhập hệ thống',
        invalid_credentials: 'Tên đăng nhập hoặc mật khẩu không đúng',
    },
    menu: {
        dashboard: 'Tổng quan',
        organizations: 'Tổ chức',
        organization_tree: 'Cây tổ chức',
        connections: 'Kết nối liên thông',
        notifications: 'Thông báo',
        users: 'Người dùng',
    },
    organization: {
        kind: {
            province: 'Cấp tỉnh',
            department: 'Sở, ban, ngành',
            district: 'Cấp huyện',
            commune: 'Cấp xã',
            other: 'Khác',
        },
        code_helper:
            'Mã định danh gồm 4 nhóm cách nhau bởi dấu chấm: LLL.KK.JJ.Hnn (ví dụ 000.00.00.H52 là UBND tỉnh, 000.00.01.H52 là một sở, 000.01.01.H52 là đơn vị trực thuộc sở đó). Cơ quan cấp trên được xác định từ mã.',
        code_invalid: 'Mã định danh phải có dạng LLL.KK.JJ.Hnn, ví dụ 000.00.01.H52',
        derived_parent: 'Cơ quan cấp trên theo mã: %{parent}',
        root: 'Cấp cao nhất',
        contact: 'Thông tin liên hệ',
        connection: 'Kết nối liên thông',
        tree_title: 'Cây tổ chức',
        tree_empty: 'Chưa có tổ chức nào',
        tree_expand_all: 'Mở rộng tất cả',
        tree_collapse_all: 'Thu gọn tất cả',
        tree_hint: 'Bấm vào một cơ quan để xem chi tiết.',
        tree_load_error: 'Không tải được cây tổ chức',
        view_connection: 'Xem tiến trình kết nối',
    },
    connection: {
        state: {
            not_connected: 'Chưa kết nối',
            infrastructure_ready: 'Sẵn sàng hạ tầng',
            test_passed: 'Đã kết nối thử nghiệm',
            connected: 'Đã kết nối',
        },
        overdue: 'Quá hạn kết nối',
        overdue_only: 'Chỉ hiện quá hạn',
        summary: {
            total: 'Tổng số',
            connected: 'Đã kết nối',
            not_connected: 'Chưa kết nối',
            overdue: 'Quá hạn kết nối',
        },
        advance: {
            button: 'Chuyển sang: %{state}',
            dialog_title: 'Chuyển trạng thái kết nối',
            dialog_content: 'Chuyển %{name} từ "%{from}" sang "%{to}"?',
            note: 'Ghi chú',
            confirm: 'Xác nhận chuyển',
            success: 'Đã chuyển trạng thái kết nối sang "%{state}"',
        },
        timeline: {
            title: 'Tiến trình kết nối',
            empty: 'Chưa có bước nào được ghi nhận',
            by: 'Người thực hiện: %{actor}',
        },
    },
    notification: {
        kind: {
            connection_reminder: 'Nhắc hạn kết nối',
            connection_overdue: 'Quá hạn kết nối',
            connection_escalation: 'Báo cáo vượt cấp về kết nối',
            other: 'Thông báo khác',
        },
        unread_count: '%{smart_count} thông báo chưa đọc',
        unread_only: 'Chỉ hiện chưa đọc',
        mark_read: 'Đánh dấu đã đọc',
        mark_all_read: 'Đánh dấu tất cả đã đọc',
        marked_read: 'Đã đánh dấu đã đọc',
        all_marked_read: 'Đã đánh dấu tất cả thông báo là đã đọc',
        unread: 'Chưa đọc',
        read: 'Đã đọc',
    },
    user: {
        role: {
            admin: 'Quản trị hệ thống',
            clerk: 'Văn thư',
            leader: 'Lãnh đạo',
            specialist: 'Chuyên viên',
            supervisor: 'Giám sát',
        },
    },
    dashboard: {
        welcome: 'Xin chào, %{name}',
        welcome_subtitle: 'Hệ thống quản lý văn bản và điều hành tỉnh Sơn La',
        my_organization: 'Cơ quan của tôi',
        no_organization: 'Tài khoản chưa gắn với cơ quan nào',
        connection_state: 'Trạng thái kết nối liên thông',
        unread_notifications: 'Thông báo chưa đọc',
        no_unread: 'Không có thông báo mới',
        view_all_notifications: 'Xem tất cả thông báo',
        overdue_title: 'Tổ chức quá hạn kết nối',
        overdue_count: '%{smart_count} tổ chức chưa kết nối quá hạn',
        overdue_scope: 'Trong phạm vi %{organization}',
        view_overdue: 'Xem danh sách quá hạn',
        load_error: 'Không tải được dữ liệu',
    },
};

const vi: TranslationMessages = {
    ...raVietnamese,
    resources: viResources,
    app: viApp,
};

export default vi;
