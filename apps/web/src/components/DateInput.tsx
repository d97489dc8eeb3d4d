/**
 * A date picker whose form value is the API's calendar day ('YYYY-MM-DD' or null) instead of a
 * dayjs object, so forms hold exactly what the contract validates and sends.
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export const ISO_DAY = 'YYYY-MM-DD';

export function todayIso(): string {
  return dayjs().format(ISO_DAY);
}

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  /** Days after today cannot be picked (birth, join and lost-contact dates). */
  notAfterToday?: boolean;
  style?: React.CSSProperties;
};

export function DateInput({ value, onChange, notAfterToday, style, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      style={{ width: '100%', ...style }}
      format={ISO_DAY}
      value={value ? dayjs(value, ISO_DAY) : null}
      onChange={(d) => onChange?.(d ? d.format(ISO_DAY) : null)}
      disabledDate={notAfterToday ? (d) => d.isAfter(dayjs(), 'day') : undefined}
    />
  );
}
