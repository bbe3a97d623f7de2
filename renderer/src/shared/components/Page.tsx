// The frame of every task screen: a title row with actions, then the content.
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface PageProps {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

export function Page({ title, extra, children }: PageProps) {
  return (
    <div className="sail-page">
      <Flex align="center" justify="space-between" gap={16} wrap className="sail-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && (
          <Flex gap={8} align="center" wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </div>
  );
}
